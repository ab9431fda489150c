using System.Text;

namespace Shears.IR;

/// <summary>
/// One operator application. Inputs and outputs are value names; an empty name marks an omitted
/// optional input or output, as in ONNX.
/// </summary>
public sealed class Node
{
    public Node(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string name = "", string domain = "")
    {
        OpType = opType;
        Inputs = [.. inputs];
        Outputs = [.. outputs];
        Name = name;
        Domain = domain;
    }

    public string Name { get; set; }

    public string OpType { get; set; }

    /// <summary>Operator set domain; "" (or "ai.onnx") is the standard one.</summary>
    public string Domain { get; set; }

    public List<string> Inputs { get; }

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

    public NodeAttribute? FindAttribute(string name) => Attributes.Find(a => a.Name == name);

    public long GetInt(string name, long fallback) => FindAttribute(name) is { Kind: AttributeKind.Int } a ? a.Int : fallback;

    public float GetFloat(string name, float fallback) => FindAttribute(name) is { Kind: AttributeKind.Float } a ? a.Float : fallback;

    public string GetString(string name, string fallback) => FindAttribute(name) is { Kind: AttributeKind.String } a ? Encoding.UTF8.GetString(a.Bytes) : fallback;

    /// <summary>An ints attribute, or null when absent.</summary>
    public long[]? GetInts(string name) => FindAttribute(name) is { Kind: AttributeKind.Ints } a ? [.. a.Ints] : null;

    public float[]? GetFloats(string name) => FindAttribute(name) is { Kind: AttributeKind.Floats } a ? [.. a.Floats] : null;

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

    public bool RemoveAttribute(string name) => Attributes.RemoveAll(a => a.Name == name) > 0;

    /// <summary>A copy whose lists can be changed without touching this node (attribute values are immutable and shared).</summary>
    public Node Clone()
    {
        var copy = new Node(OpType, Inputs, Outputs, Name, Domain) { Extras = Extras };
        copy.Attributes.AddRange(Attributes);
        return copy;
    }

    public override string ToString() =>
        $"{DisplayName}: {OpType}({string.Join(", ", Inputs)}) -> {string.Join(", ", Outputs)}";
}
