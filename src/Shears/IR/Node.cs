using System.Text;

namespace Shears.IR;

/// <summary>
/// One operator application. Inputs and outputs are value names; an empty name marks an omitted
/// optional input or output, as in ONNX.
/// </summary>
public sealed class Node
{
    /// <summary>A node applying <paramref name="opType"/> to the named inputs and writing the named outputs.</summary>
    /// <param name="opType">The operator, such as "Conv" or "Relu".</param>
    /// <param name="inputs">Input value names, in operator order; "" for an omitted optional input.</param>
    /// <param name="outputs">Output value names; "" for an omitted optional output.</param>
    /// <param name="name">The node's name; may be empty.</param>
    /// <param name="domain">The operator set domain; "" is the standard ONNX one.</param>
    public Node(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string name = "", string domain = "")
    {
        OpType = opType;
        Inputs = [.. inputs];
        Outputs = [.. outputs];
        Name = name;
        Domain = domain;
    }

    /// <summary>The node's name; may be empty (see <see cref="DisplayName"/> for messages).</summary>
    public string Name { get; set; }

    /// <summary>The operator, such as "Conv", "Gemm" or "Relu".</summary>
    public string OpType { get; set; }

    /// <summary>Operator set domain; "" (or "ai.onnx") is the standard one.</summary>
    public string Domain { get; set; }

    /// <summary>Input value names in operator order; "" marks an omitted optional input.</summary>
    public List<string> Inputs { get; }

    /// <summary>Output value names; "" marks an omitted optional output.</summary>
    public List<string> Outputs { get; }

    /// <summary>Attributes in the order they were read or added.</summary>
    public List<NodeAttribute> Attributes { get; } = [];

    /// <summary>Serialized ONNX fields this class does not model (doc string, metadata), written back as read.</summary>
    public byte[]? Extras { get; set; }

    /// <summary>True for operators of the standard ONNX domain.</summary>
    public bool IsStandard => Domain is "" or "ai.onnx";

    /// <summary>Name for messages: the node's name, else its op and first output.</summary>
    public string DisplayName => Name.Length > 0 ? Name : $"{OpType}({(Outputs.Count > 0 ? Outputs[0] : "")})";

    /// <summary>The n-th input's name, or null when absent or omitted.</summary>
    public string? Input(int index) => index < Inputs.Count && Inputs[index].Length > 0 ? Inputs[index] : null;

    /// <summary>The named attribute, or null when the node does not have it.</summary>
    public NodeAttribute? FindAttribute(string name) => Attributes.Find(a => a.Name == name);

    /// <summary>An int attribute's value, or <paramref name="fallback"/> (the operator's default) when absent.</summary>
    public long GetInt(string name, long fallback) => FindAttribute(name) is { Kind: AttributeKind.Int } a ? a.Int : fallback;

    /// <summary>A float attribute's value, or <paramref name="fallback"/> (the operator's default) when absent.</summary>
    public float GetFloat(string name, float fallback) => FindAttribute(name) is { Kind: AttributeKind.Float } a ? a.Float : fallback;

    /// <summary>A string attribute's value decoded as UTF-8, or <paramref name="fallback"/> (the operator's default) when absent.</summary>
    public string GetString(string name, string fallback) => FindAttribute(name) is { Kind: AttributeKind.String } a ? Encoding.UTF8.GetString(a.Bytes) : fallback;

    /// <summary>An ints attribute, or null when absent.</summary>
    public long[]? GetInts(string name) => FindAttribute(name) is { Kind: AttributeKind.Ints } a ? [.. a.Ints] : null;

    /// <summary>A floats attribute, or null when absent.</summary>
    public float[]? GetFloats(string name) => FindAttribute(name) is { Kind: AttributeKind.Floats } a ? [.. a.Floats] : null;

    /// <summary>A tensor attribute, or null when absent.</summary>
    public Tensor? GetTensor(string name) => FindAttribute(name) is { Kind: AttributeKind.Tensor } a ? a.Tensor : null;

    /// <summary>Adds or replaces an attribute by name, keeping its position when replacing.</summary>
    public void SetAttribute(NodeAttribute attribute)
    {
        var index = Attributes.FindIndex(a => a.Name == attribute.Name);
        if (index >= 0)
        {
            Attributes[index] = attribute;
        }
        else
        {
            Attributes.Add(attribute);
        }
    }

    /// <summary>Removes the named attribute; returns whether there was one.</summary>
    public bool RemoveAttribute(string name) => Attributes.RemoveAll(a => a.Name == name) > 0;

    /// <summary>A copy whose lists can be changed without touching this node (attribute values are immutable and shared).</summary>
    public Node Clone()
    {
        var copy = new Node(OpType, Inputs, Outputs, Name, Domain) { Extras = Extras };
        copy.Attributes.AddRange(Attributes);
        return copy;
    }

    /// <summary>The node as one log line: name, operator, inputs and outputs.</summary>
    public override string ToString() =>
        $"{DisplayName}: {OpType}({string.Join(", ", Inputs)}) -> {string.Join(", ", Outputs)}";
}
