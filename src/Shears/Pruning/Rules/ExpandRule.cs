using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>Expand broadcasts its input to a target shape; when channels go, the target's channel entry shrinks.</summary>
internal sealed class ExpandRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Expand"];

    public void Couple(DependencyBuilder graph, Node node) => graph.Broadcast(node, [0]);

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        var output = node.Outputs[0];
        rewriter.CutAligned(index, 0, output);
        if (rewriter.Mode != StructuredMode.Remove || rewriter.Removed(output).Count == 0 || rewriter.Current(index, 1) is not { } shape)
        {
            return;
        }
        var values = shape.ToInt64s();
        var outShape = rewriter.ShapeOf(output);
        var axis = rewriter.AxisOf(output);
        var offset = axis - (outShape.Length - values.Length);
        if (offset >= 0 && values[offset] == outShape[axis])
        {
            values[offset] -= rewriter.Removed(output).Count;
            rewriter.Set(index, 1, NodeRewriter.Typed(shape, values));
        }
    }
}
