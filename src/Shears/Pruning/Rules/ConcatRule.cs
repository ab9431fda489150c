using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// Concat along the channel axis stacks its inputs' channels one after another; along any other
/// axis it behaves like a broadcast of its inputs.
/// </summary>
internal sealed class ConcatRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Concat"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var output = node.Outputs[0];
        var rank = graph.Rank(output);
        var axis = (int)node.GetInt("axis", 0);
        axis = axis < 0 ? axis + rank : axis;
        var tracked = node.Inputs.Where(i => i.Length > 0 && graph.IsTracked(i)).ToList();
        if (tracked.Count == 0)
        {
            return;
        }
        if (!tracked.Any(i => graph.AxisOf(i) == axis))
        {
            graph.Broadcast(node, [.. Enumerable.Range(0, node.Inputs.Count)]);
            return;
        }
        if (!tracked.All(i => graph.AxisOf(i) == axis))
        {
            graph.BlockInputs(node, "Concat of values whose channels sit on different axes");
            return;
        }
        graph.Track(output, axis);
        var offset = 0;
        foreach (var input in node.Inputs.Where(i => i.Length > 0))
        {
            var size = (int)graph.ShapeOf(input)[axis];
            if (graph.IsTracked(input))
            {
                for (var i = 0; i < size; i++)
                {
                    graph.Join(input, i, output, offset + i);
                }
                graph.NoteLayer(output, node);
            }
            offset += size;
        }
    }

    public void Rewrite(NodeRewriter rewriter, int index, Node node) => rewriter.CutAlignedConstants(index, node);
}
