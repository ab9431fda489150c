using Shears.Analysis;
using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>One node as latency models see it: its costs at the batch asked for, its table signature, and whether the runtime fuses it away.</summary>
/// <param name="Node">The node.</param>
/// <param name="Cost">MACs, bytes and shapes.</param>
/// <param name="Signature">Set for convolutions and linear layers with constant weights.</param>
/// <param name="Fused">True when the runtime computes it inside its producer (an activation or residual add after a convolution).</param>
/// <param name="WeightSparsity">Fraction of the layer's weight entries that are zero (0 for layers without a weight).</param>
public sealed record ModelLayer(Node Node, LayerCost Cost, LayerSignature? Signature, bool Fused, double WeightSparsity)
{
    /// <summary>The layer's constant weight (convolutions and linear layers), so a latency model can see the pattern of its zeros; null otherwise.</summary>
    public Tensor? Weight { get; init; }
}
