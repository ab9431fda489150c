namespace Shears.IR;

/// <summary>What an attribute holds; values are the ONNX wire codes.</summary>
public enum AttributeKind
{
    /// <summary>No value set; a malformed or empty attribute.</summary>
    Undefined = 0,
    /// <summary>One 32-bit float.</summary>
    Float = 1,
    /// <summary>One 64-bit integer.</summary>
    Int = 2,
    /// <summary>One byte string (usually UTF-8 text).</summary>
    String = 3,
    /// <summary>One tensor, such as a Constant node's value.</summary>
    Tensor = 4,
    /// <summary>One subgraph, such as an If or Loop body; kept as its serialized bytes.</summary>
    Graph = 5,
    /// <summary>A list of 32-bit floats.</summary>
    Floats = 6,
    /// <summary>A list of 64-bit integers, such as kernel shapes, strides or pads.</summary>
    Ints = 7,
    /// <summary>A list of byte strings.</summary>
    Strings = 8,
    /// <summary>A list of tensors.</summary>
    Tensors = 9,
    /// <summary>A list of subgraphs; kept as their serialized bytes.</summary>
    Graphs = 10,
    /// <summary>One sparse tensor; kept as read, not interpreted.</summary>
    SparseTensor = 11,
    /// <summary>A list of sparse tensors; kept as read, not interpreted.</summary>
    SparseTensors = 12,
    /// <summary>One type description; kept as read, not interpreted.</summary>
    TypeProto = 13,
    /// <summary>A list of type descriptions; kept as read, not interpreted.</summary>
    TypeProtos = 14,
}
