namespace Shears.IR.Inference;

/// <summary>How to bind a model's inputs before inferring shapes.</summary>
public sealed record ShapeInferenceOptions
{
    /// <summary>Shapes that replace the declared shapes of these graph inputs.</summary>
    public IReadOnlyDictionary<string, Shape> InputShapes { get; init; } = new Dictionary<string, Shape>();

    /// <summary>Values for named symbolic dimensions (for example "batch" = 8).</summary>
    public IReadOnlyDictionary<string, long> DimBindings { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Size given to input dimensions that are symbolic or unknown and not bound above; null keeps
    /// them symbolic, which leaves values computed from them (shape sub-graphs) unknown.
    /// </summary>
    public long? DefaultDimValue { get; init; } = 1;

    /// <summary>Largest constant (in elements) whose values are tracked for folding.</summary>
    public long MaxConstantElements { get; init; } = 1 << 20;

    public static ShapeInferenceOptions Default { get; } = new();
}
