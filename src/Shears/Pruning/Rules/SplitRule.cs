using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>Split along the channel axis hands each output its own run of channels; the split sizes shrink with them.</summary>
internal sealed class SplitRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Split"];

    private static int SplitAxis(Node node, int rank)
    {
        var axis = (int)node.GetInt("axis", 0);
        return axis < 0 ? axis + rank : axis;
    }

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (!graph.IsTracked(input))
        {
            return;
        }
        var axis = SplitAxis(node, graph.Rank(input!));
        var tracked = graph.AxisOf(input!);
        var offset = 0;
        foreach (var output in node.Outputs)
        {
            if (output.Length == 0)
            {
                continue;
            }
            var size = (int)graph.ShapeOf(output)[axis];
            graph.Track(output, tracked);
            if (axis == tracked)
            {
                for (var i = 0; i < size; i++)
                {
                    graph.Join(input!, offset + i, output, i);
                }
                graph.NoteLayer(input!, node);
            }
            else
            {
                graph.JoinAll(input!, output);
            }
            offset += size;
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
        var axis = SplitAxis(node, rewriter.ShapeOf(input).Length);
        if (axis != rewriter.AxisOf(input))
        {
            return;
        }
        var sizes = new List<long>();
        var offset = 0L;
        foreach (var output in node.Outputs)
        {
            var size = rewriter.ShapeOf(output)[axis];
            sizes.Add(size - removed.Count(i => i >= offset && i < offset + size));
            offset += size;
        }
        if (node.GetInts("split") is not null)
        {
            node.SetAttribute(NodeAttribute.Of("split", [.. sizes]));
        }
        else if (node.Input(1) is not null)
        {
            rewriter.Set(index, 1, Tensor.Vector(node.Inputs[1], [.. sizes]));
        }
        else if (sizes.Distinct().Count() != 1)
        {
            // Equal splits that are no longer equal need explicit sizes.
            node.Inputs.Add("");
            var name = $"{node.DisplayName}_split_sizes";
            rewriter.Graph.Initializers[name] = Tensor.Vector(name, [.. sizes]);
            node.Inputs[1] = name;
            node.RemoveAttribute("num_outputs");
        }
    }
}
