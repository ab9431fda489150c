using System.Collections.Immutable;
using System.Text;

namespace Shears.IR;

/// <summary>
/// A node attribute. Scalars, lists and tensors are modelled; sub-graphs and other rare kinds are
/// kept as their serialized ONNX bytes and written back unchanged.
/// </summary>
public sealed record NodeAttribute
{
    /// <summary>The attribute's name, such as "kernel_shape" or "axis".</summary>
    public required string Name { get; init; }

    /// <summary>Which of the value properties holds the value.</summary>
    public required AttributeKind Kind { get; init; }

    /// <summary>The value when <see cref="Kind"/> is <see cref="AttributeKind.Float"/>.</summary>
    public float Float { get; init; }

    /// <summary>The value when <see cref="Kind"/> is <see cref="AttributeKind.Int"/>.</summary>
    public long Int { get; init; }

    /// <summary>The raw bytes when <see cref="Kind"/> is <see cref="AttributeKind.String"/>; <see cref="String"/> decodes them.</summary>
    public byte[] Bytes { get; init; } = [];

    /// <summary>The value when <see cref="Kind"/> is <see cref="AttributeKind.Tensor"/>.</summary>
    public Tensor? Tensor { get; init; }

    /// <summary>The values when <see cref="Kind"/> is <see cref="AttributeKind.Floats"/>.</summary>
    public ImmutableArray<float> Floats { get; init; } = [];

    /// <summary>The values when <see cref="Kind"/> is <see cref="AttributeKind.Ints"/>.</summary>
    public ImmutableArray<long> Ints { get; init; } = [];

    /// <summary>The raw byte strings when <see cref="Kind"/> is <see cref="AttributeKind.Strings"/>.</summary>
    public ImmutableArray<byte[]> StringList { get; init; } = [];

    /// <summary>The values when <see cref="Kind"/> is <see cref="AttributeKind.Tensors"/>.</summary>
    public ImmutableArray<Tensor> Tensors { get; init; } = [];

    /// <summary>The whole serialized attribute, for kinds Shears does not interpret (sub-graphs, types, sparse tensors).</summary>
    public byte[]? Opaque { get; init; }

    /// <summary>Serialized fields outside the modelled value (doc string, function reference).</summary>
    public byte[]? Extras { get; init; }

    /// <summary><see cref="Bytes"/> decoded as UTF-8.</summary>
    public string String => Encoding.UTF8.GetString(Bytes);

    /// <summary>An integer attribute.</summary>
    public static NodeAttribute Of(string name, long value) => new() { Name = name, Kind = AttributeKind.Int, Int = value };

    /// <summary>A float attribute.</summary>
    public static NodeAttribute Of(string name, float value) => new() { Name = name, Kind = AttributeKind.Float, Float = value };

    /// <summary>A string attribute, stored as UTF-8.</summary>
    public static NodeAttribute Of(string name, string value) => new() { Name = name, Kind = AttributeKind.String, Bytes = Encoding.UTF8.GetBytes(value) };

    /// <summary>An integer-list attribute, such as pads or strides.</summary>
    public static NodeAttribute Of(string name, params long[] values) => new() { Name = name, Kind = AttributeKind.Ints, Ints = [.. values] };

    /// <summary>A float-list attribute.</summary>
    public static NodeAttribute Of(string name, params float[] values) => new() { Name = name, Kind = AttributeKind.Floats, Floats = [.. values] };

    /// <summary>A tensor attribute, such as a Constant node's value.</summary>
    public static NodeAttribute Of(string name, Tensor value) => new() { Name = name, Kind = AttributeKind.Tensor, Tensor = value };

    /// <summary>The name and value as they read in a log line, such as <c>axis=1</c> or <c>pads=[1,1,1,1]</c>.</summary>
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
