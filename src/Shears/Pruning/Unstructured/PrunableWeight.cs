namespace Shears.Pruning.Unstructured;

/// <summary>A weight tensor that fine-grained pruning may sparsify, with the axis its layer sums over.</summary>
/// <param name="Initializer">The initializer's name.</param>
/// <param name="Layer">The node that reads it as a weight.</param>
/// <param name="Dims">Its dimensions.</param>
/// <param name="ReductionAxis">The axis the layer's dot products run over (input channels or features).</param>
public sealed record PrunableWeight(string Initializer, string Layer, IReadOnlyList<long> Dims, int ReductionAxis)
{
    /// <summary>The weight's element count.</summary>
    public long Count => Dims.Aggregate(1L, (a, b) => a * b);
}
