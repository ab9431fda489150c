namespace Shears.Pruning.Importance;

/// <summary>A per-channel slice of an initializer: index i along <paramref name="Axis"/> belongs to channel i of the value.</summary>
/// <param name="Initializer">The initializer's name.</param>
/// <param name="Axis">Axis of the initializer that runs along the channels (non-negative).</param>
/// <param name="Role">What the slice is.</param>
public sealed record ParameterSlice(string Initializer, int Axis, SliceRole Role);
