namespace Shears.IR;

/// <summary>A named value's type: element type and shape (null shape: rank unknown).</summary>
/// <param name="Name">The value's name, unique in its graph.</param>
/// <param name="ElementType">Element type; <see cref="DataType.Undefined"/> when not a tensor or not known.</param>
/// <param name="Shape">Shape, or null when even the rank is unknown.</param>
public sealed record ValueInfo(string Name, DataType ElementType, Shape? Shape)
{
    /// <summary>Serialized ONNX fields this record does not model (doc string, non-tensor types); written back as read.</summary>
    public byte[]? Extras { get; init; }
}
