using Shears.IR;

namespace Shears.Analysis;

/// <summary>A model's structure and cost: per-layer figures, totals and what could not be analysed.</summary>
public sealed record ModelAnalysis
{
    /// <summary>The graph's name as stored in the model (may be empty).</summary>
    public required string GraphName { get; init; }

    /// <summary>The exporting tool's name and version (for example "pytorch 2.4.0"); empty when the model records neither.</summary>
    public required string Producer { get; init; }

    /// <summary>The model's default-domain (ONNX) opset version.</summary>
    public required long Opset { get; init; }

    /// <summary>Runtime inputs (graph inputs that are not initializers), with the shapes inferred at the analysed input shape.</summary>
    public required IReadOnlyList<ValueInfo> Inputs { get; init; }

    /// <summary>Graph outputs, with their inferred types and shapes.</summary>
    public required IReadOnlyList<ValueInfo> Outputs { get; init; }

    /// <summary>One entry per node, in graph order.</summary>
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

    /// <summary>Messages from shape inference about what could not be inferred (unknown operators, unknown shapes).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Symbolic input dimensions given a representative size; MACs and bytes hold at that size only.</summary>
    public IReadOnlyList<Shears.IR.Inference.DimAssumption> Assumptions { get; init; } = [];
}
