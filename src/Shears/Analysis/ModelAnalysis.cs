using Shears.IR;

namespace Shears.Analysis;

/// <summary>A model's structure and cost: per-layer figures, totals and what could not be analysed.</summary>
public sealed record ModelAnalysis
{
    public required string GraphName { get; init; }

    public required string Producer { get; init; }

    public required long Opset { get; init; }

    public required IReadOnlyList<ValueInfo> Inputs { get; init; }

    public required IReadOnlyList<ValueInfo> Outputs { get; init; }

    public required IReadOnlyList<LayerCost> Layers { get; init; }

    /// <summary>Elements of all float initializers and float tensors of more than one element held in Constant nodes (single values are operator arguments).</summary>
    public required long Parameters { get; init; }

    /// <summary>Sum of layer MACs (layers with unknown shapes count zero; see <see cref="UnknownMacLayers"/>).</summary>
    public required long Macs { get; init; }

    /// <summary>Bytes of all initializers and of Constant-node tensors of more than one element.</summary>
    public required long WeightBytes { get; init; }

    /// <summary>Sum of every node output's bytes at the analysed input shape.</summary>
    public required long ActivationBytes { get; init; }

    /// <summary>Layers whose MACs could not be counted because a shape is unknown.</summary>
    public required int UnknownMacLayers { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Symbolic input dimensions given a representative size; MACs and bytes hold at that size only.</summary>
    public IReadOnlyList<Shears.IR.Inference.DimAssumption> Assumptions { get; init; } = [];
}
