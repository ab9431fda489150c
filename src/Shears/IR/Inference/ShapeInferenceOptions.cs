namespace Shears.IR.Inference;

/// <summary>How to bind a model's inputs before inferring shapes.</summary>
public sealed record ShapeInferenceOptions
{
    /// <summary>Shapes that replace the declared shapes of these graph inputs.</summary>
    public IReadOnlyDictionary<string, Shape> InputShapes { get; init; } = new Dictionary<string, Shape>();

    /// <summary>Values for named symbolic dimensions (for example "batch" = 8).</summary>
    public IReadOnlyDictionary<string, long> DimBindings { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Size given to an input's first dimension (the batch) when it is symbolic or unknown and not
    /// bound above; null keeps every unbound dimension symbolic, which leaves values computed from
    /// them (shape sub-graphs) unknown.
    /// </summary>
    public long? DefaultDimValue { get; init; } = 1;

    /// <summary>
    /// Representative size of the other unbound symbolic or unknown input dimensions (height,
    /// width, sequence length), used only so sizes that need a number (MACs, bytes) have one;
    /// each use is reported in <see cref="ShapeInferenceResult.Assumptions"/>. Null falls back to
    /// <see cref="DefaultDimValue"/>.
    /// </summary>
    public long? RepresentativeDimValue { get; init; } = 224;

    /// <summary>Largest constant (in elements) whose values are tracked for folding.</summary>
    public long MaxConstantElements { get; init; } = 1 << 20;

    /// <summary>Declared input shapes, batch 1, other unbound dimensions 224.</summary>
    public static ShapeInferenceOptions Default { get; } = new();
}
