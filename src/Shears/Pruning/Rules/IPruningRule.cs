using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// Everything Shears knows about one operator family for pruning, in one place: how channels
/// flow through it, how it is rewritten when channels go, and which of its tensors carry
/// importance. Every implementation in this assembly is registered by <see cref="PruningRules"/>,
/// so supporting another operator is one new file.
/// </summary>
internal interface IPruningRule
{
    /// <summary>The standard ONNX op types the rule covers; each op type has exactly one rule.</summary>
    IEnumerable<string> OpTypes { get; }

    /// <summary>Joins the channels of the node's inputs and outputs that must go together, and blocks those that cannot go.</summary>
    void Couple(DependencyBuilder graph, Node node);

    /// <summary>Rewrites node <paramref name="index"/>'s weights, attributes and shape constants for the channels removed around it.</summary>
    void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
    }

    /// <summary>Names the initializer slices of the node that belong to each channel, for importance scores.</summary>
    void CollectParameters(ChannelParameters parameters, Node node)
    {
    }

    /// <summary>
    /// For fine-grained pruning (unstructured, N:M, block): the axis of the node's weight (input 1)
    /// that its dot products sum over, or null when the node has no weight to sparsify.
    /// </summary>
    int? WeightReductionAxis(Node node, Tensor weight) => null;
}
