using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// LayerNormalization: normalizing over the channel axis is allowed, since its scale and bias lose
/// the same entries as the channels.
/// </summary>
internal sealed class LayerNormalizationRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["LayerNormalization"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (!graph.IsTracked(input))
        {
            return;
        }
        graph.NoteLayer(input!, node);
        graph.FollowSameAxis(node, input!);
    }

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        for (var i = 1; i < node.Inputs.Count; i++)
        {
            rewriter.CutAligned(index, i, node.Outputs[0]);
        }
    }

    public void CollectParameters(ChannelParameters parameters, Node node)
    {
        var input = node.Input(0);
        if (parameters.IsTracked(input))
        {
            parameters.AddAligned(input!, node.Input(1), SliceRole.NormScale);
            parameters.AddAligned(input!, node.Input(2), SliceRole.Other);
        }
    }
}
