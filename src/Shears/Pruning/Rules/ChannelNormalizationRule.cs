using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>BatchNormalization and InstanceNormalization: one scale, shift (and statistics) entry per channel on axis 1.</summary>
internal sealed class ChannelNormalizationRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["BatchNormalization", "InstanceNormalization"];

    public void Couple(DependencyBuilder graph, Node node) => graph.PerChannelOnAxis1(node, "normalizes per channel on axis 1");

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        for (var i = 1; i < node.Inputs.Count; i++)
        {
            // In mask mode running statistics stay: zero scale and bias already silence the channel.
            if (rewriter.Mode == StructuredMode.Remove || i <= 2)
            {
                rewriter.Cut(index, i, 0, rewriter.Removed(node.Input(0)));
            }
        }
    }

    public void CollectParameters(ChannelParameters parameters, Node node)
    {
        var input = node.Input(0);
        if (parameters.IsTracked(input))
        {
            parameters.Add(input!, node.Input(1), 0, SliceRole.NormScale);
            parameters.Add(input!, node.Input(2), 0, SliceRole.Other);
        }
    }
}
