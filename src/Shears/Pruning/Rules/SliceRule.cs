using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>A contiguous Slice along the channel axis keeps a run of channels; its bounds move with the channels removed.</summary>
internal sealed class SliceRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Slice"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (!graph.IsTracked(input))
        {
            return;
        }
        var axis = graph.AxisOf(input!);
        if (SliceRange.Find(graph.Graph, node, graph.ShapeOf(input!), axis) is not { } range)
        {
            graph.FollowSameAxis(node, input!);
            return;
        }
        if (range.Step != 1)
        {
            graph.Block(input!, "a strided slice along the channel axis");
            return;
        }
        var output = node.Outputs[0];
        if (graph.Track(output, axis))
        {
            for (var i = 0; i < range.Count; i++)
            {
                graph.Join(input!, (int)range.Start + i, output, i);
            }
            graph.NoteLayer(output, node);
        }
    }

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        var input = node.Input(0)!;
        var removed = rewriter.Removed(input);
        if (removed.Count == 0 || rewriter.Mode == StructuredMode.Mask)
        {
            return;
        }
        if (SliceRange.Find(rewriter.Graph, node, rewriter.ShapeOf(input), rewriter.AxisOf(input)) is not { } range)
        {
            return;
        }
        var before = removed.Count(i => i < range.Start);
        var inside = removed.Count(i => i >= range.Start && i < range.Start + range.Count);
        var start = range.Start - before;
        var end = start + range.Count - inside;
        if (node.Inputs.Count <= 1)
        {
            // Before opset 10 the bounds are attributes.
            var starts = node.GetInts("starts")!;
            var ends = node.GetInts("ends")!;
            starts[range.InputIndex] = start;
            ends[range.InputIndex] = end;
            node.SetAttribute(NodeAttribute.Of("starts", starts));
            node.SetAttribute(NodeAttribute.Of("ends", ends));
            return;
        }
        var startValues = rewriter.Current(index, 1)!.ToInt64s();
        var endValues = rewriter.Current(index, 2)!.ToInt64s();
        startValues[range.InputIndex] = start;
        endValues[range.InputIndex] = end;
        rewriter.Set(index, 1, NodeRewriter.Typed(rewriter.Current(index, 1)!, startValues));
        rewriter.Set(index, 2, NodeRewriter.Typed(rewriter.Current(index, 2)!, endValues));
    }
}
