using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>Transpose moves the channel axis to wherever the permutation sends it.</summary>
internal sealed class TransposeRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Transpose"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (!graph.IsTracked(input))
        {
            return;
        }
        var rank = graph.Rank(input!);
        var perm = node.GetInts("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(i => (long)i)];
        var outAxis = Array.IndexOf(perm, (long)graph.AxisOf(input!));
        if (graph.Track(node.Outputs[0], outAxis))
        {
            graph.JoinAll(input!, node.Outputs[0]);
        }
    }
}
