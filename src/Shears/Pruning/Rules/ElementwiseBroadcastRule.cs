using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// Elementwise ops over broadcast inputs (Add, Mul, Where, ...): tracked inputs join on the output
/// axis they align to, and stored operands that span it lose the same entries.
/// </summary>
internal sealed class ElementwiseBroadcastRule : IPruningRule
{
    public IEnumerable<string> OpTypes => OpTraits.All.Where(kv => kv.Value == OpCategory.ElementwiseBroadcast).Select(kv => kv.Key);

    public void Couple(DependencyBuilder graph, Node node) => graph.Broadcast(node, [.. Enumerable.Range(0, node.Inputs.Count)]);

    public void Rewrite(NodeRewriter rewriter, int index, Node node) => rewriter.CutAlignedConstants(index, node);

    public void CollectParameters(ChannelParameters parameters, Node node)
    {
        var output = node.Outputs[0];
        if (!parameters.IsTracked(output))
        {
            return;
        }
        foreach (var operand in node.Inputs.Where(parameters.Graph.IsInitializer))
        {
            // A constant multiplying the channels acts as a scale (decomposed LayerNorm's gamma); others shift.
            parameters.AddAligned(output, operand, node.OpType == "Mul" ? SliceRole.NormScale : SliceRole.Other);
        }
    }
}
