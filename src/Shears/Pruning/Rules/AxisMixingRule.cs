using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>Softmax, LogSoftmax, Hardmax and CumSum mix the elements along one axis: channels may not sit on it.</summary>
internal sealed class AxisMixingRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Softmax", "LogSoftmax", "Hardmax", "CumSum"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (!graph.IsTracked(input))
        {
            return;
        }
        var rank = graph.Rank(input!);
        var axis = (int)node.GetInt("axis", node.OpType == "CumSum" ? 0 : -1);
        axis = axis < 0 ? axis + rank : axis;
        var tracked = graph.AxisOf(input!);
        // Before opset 13 the softmax family flattens every axis from `axis` on into one.
        if (tracked == axis || (node.OpType != "CumSum" && graph.Opset < 13 && tracked >= axis))
        {
            graph.Block(input!, $"{node.OpType} mixes values along the channel axis");
            return;
        }
        graph.FollowSameAxis(node, input!);
    }
}
