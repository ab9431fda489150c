using System.Collections.Immutable;
using System.Text;

namespace Shears.IR;

/// <summary>
/// A node attribute. Scalars, lists and tensors are modelled; sub-graphs and other rare kinds are
/// kept as their serialized ONNX bytes and written back unchanged.
/// </summary>
public sealed record NodeAttribute
{
    public required string Name { get; init; }

    public required AttributeKind Kind { get; init; }

    public float Float { get; init; }

    public long Int { get; init; }

    public byte[] Bytes { get; init; } = [];

    public Tensor? Tensor { get; init; }

    public ImmutableArray<float> Floats { get; init; } = [];

    public ImmutableArray<long> Ints { get; init; } = [];

    public ImmutableArray<byte[]> StringList { get; init; } = [];

    public ImmutableArray<Tensor> Tensors { get; init; } = [];

    /// <summary>The whole serialized attribute, for kinds Shears does not interpret (sub-graphs, types, sparse tensors).</summary>
    public byte[]? Opaque { get; init; }

    /// <summary>Serialized fields outside the modelled value (doc string, function reference).</summary>
    public byte[]? Extras { get; init; }

    public string String => Encoding.UTF8.GetString(Bytes);

    public static NodeAttribute Of(string name, long value) => new() { Name = name, Kind = AttributeKind.Int, Int = value };

    public static NodeAttribute Of(string name, float value) => new() { Name = name, Kind = AttributeKind.Float, Float = value };

    public static NodeAttribute Of(string name, string value) => new() { Name = name, Kind = AttributeKind.String, Bytes = Encoding.UTF8.GetBytes(value) };

    public static NodeAttribute Of(string name, params long[] values) => new() { Name = name, Kind = AttributeKind.Ints, Ints = [.. values] };

    public static NodeAttribute Of(string name, params float[] values) => new() { Name = name, Kind = AttributeKind.Floats, Floats = [.. values] };

    public static NodeAttribute Of(string name, Tensor value) => new() { Name = name, Kind = AttributeKind.Tensor, Tensor = value };

    public override string ToString() => Kind switch
    {
        AttributeKind.Int => $"{Name}={Int}",
        AttributeKind.Float => $"{Name}={Float}",
        AttributeKind.String => $"{Name}=\"{String}\"",
        AttributeKind.Ints => $"{Name}=[{string.Join(",", Ints)}]",
        AttributeKind.Floats => $"{Name}=[{string.Join(",", Floats)}]",
        AttributeKind.Tensor => $"{Name}={Tensor}",
        _ => $"{Name}:{Kind}",
    };
}
