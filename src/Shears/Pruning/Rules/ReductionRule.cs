using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>
/// Reductions (ReduceMean, ArgMax, ...): reducing over the channel axis leaves nothing to prune
/// downstream; reducing other axes carries the channels to where the channel axis lands.
/// </summary>
internal sealed class ReductionRule : IPruningRule
{
    public IEnumerable<string> OpTypes => OpTraits.All.Where(kv => kv.Value == OpCategory.Reduction).Select(kv => kv.Key);

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (!graph.IsTracked(input))
        {
            return;
        }
        var rank = graph.Rank(input!);
        var axis = graph.AxisOf(input!);
        var keep = node.GetInt("keepdims", 1) != 0;
        HashSet<int> reduced;
        if (node.OpType is "ArgMax" or "ArgMin")
        {
            var a = (int)node.GetInt("axis", 0);
            reduced = [a < 0 ? a + rank : a];
        }
        else
        {
            // Since opset 13 (ReduceSum) or 18 (the rest) the axes are an optional input.
            var axes = node.GetInts("axes") ?? (node.Input(1) is { } axesInput && graph.Graph.FindInitializer(axesInput) is { } t ? t.ToInt64s() : null);
            reduced = axes is null || axes.Length == 0 ? [.. Enumerable.Range(0, rank)] : [.. axes.Select(a => (int)(a < 0 ? a + rank : a))];
        }
        if (reduced.Contains(axis))
        {
            // Summing over channels: the result has none to prune.
            graph.NoteLayer(input!, node);
            return;
        }
        var outAxis = keep ? axis : axis - reduced.Count(r => r < axis);
        if (graph.Track(node.Outputs[0], outAxis))
        {
            graph.JoinAll(input!, node.Outputs[0]);
        }
    }
}
