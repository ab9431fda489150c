using Shears.IR;

namespace Shears.Analysis;

/// <summary>The cost of one node: what it computes, on what shapes, with how many weights.</summary>
public sealed record LayerCost
{
    /// <summary>The node's name, or "OpType(first output)" when the node is unnamed.</summary>
    public required string Name { get; init; }

    /// <summary>The operator type ("Conv", "Gemm"), prefixed with its domain ("com.microsoft.FusedConv") when not a standard ONNX operator.</summary>
    public required string Op { get; init; }

    /// <summary>The kind of operator (convolution, matrix product, normalisation, ...).</summary>
    public required OpCategory Category { get; init; }

    /// <summary>Inferred shape of each input, in the node's input order; null for an omitted input or an unknown shape.</summary>
    public required IReadOnlyList<Shape?> InputShapes { get; init; }

    /// <summary>Inferred shape of each output, in the node's output order; null for an omitted output or an unknown shape.</summary>
    public required IReadOnlyList<Shape?> OutputShapes { get; init; }

    /// <summary>Elements of float initializers this node reads first (shared weights count once, at their first reader), or of the float tensor (of more than one element) a Constant node holds.</summary>
    public long Parameters { get; init; }

    /// <summary>Multiply-accumulates for one run at the analysed input shape; null when shapes are unknown.</summary>
    public long? Macs { get; init; }

    /// <summary>Bytes of the initializers this node reads first.</summary>
    public long WeightBytes { get; init; }

    /// <summary>Bytes of the node's outputs at the analysed input shape; null when unknown.</summary>
    public long? ActivationBytes { get; init; }

    /// <summary>True when every output is known without running the model (shape arithmetic).</summary>
    public bool IsConstant { get; init; }
}
