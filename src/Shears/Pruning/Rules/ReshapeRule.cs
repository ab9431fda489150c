using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// Reshape and Flatten regroup axes: each channel maps to the output positions it lands on. A
/// channel axis split into an outer axis (heads × head size) makes the group a head group.
/// </summary>
internal sealed class ReshapeRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Reshape", "Flatten"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        if (graph.FollowReshape(node) is not { } mapping)
        {
            return;
        }
        if (RuntimeTargetBlocks(graph, node) is { } reason)
        {
            graph.Block(node.Input(0)!, reason);
            graph.Block(node.Outputs[0], reason);
            return;
        }
        if (mapping.SplitIntoOuter)
        {
            graph.MarkHeads(node.Outputs[0]);
        }
        graph.NoteLayer(node.Outputs[0], node);
    }

    /// <summary>
    /// A target computed at run time (kept so symbolic sizes stay symbolic) follows the pruned
    /// channels only when it infers (−1) or copies (0, same axis) the channel axis; a fixed size there
    /// cannot be rewritten, so the channels stay.
    /// </summary>
    private static string? RuntimeTargetBlocks(DependencyBuilder graph, Node node)
    {
        if (node.OpType != "Reshape" || node.Input(1) is not { } target || graph.IsConstant(target))
        {
            return null;
        }
        var axis = graph.AxisOf(node.Outputs[0]);
        var entry = graph.BoundContents(target)?.ToInt64s() is { } values && axis < values.Length ? values[axis] : (long?)null;
        var follows = entry == -1 || (entry == 0 && graph.AxisOf(node.Input(0)!) == axis);
        return follows ? null : $"Reshape '{node.DisplayName}' computes its target shape at run time with a fixed size on the channel axis, which Shears cannot rewrite";
    }

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        // Flatten infers its shape; a Reshape's target must shrink with the channels.
        var output = node.Outputs[0];
        if (node.OpType != "Reshape" || rewriter.Mode != StructuredMode.Remove
            || (rewriter.Removed(output).Count == 0 && rewriter.Removed(node.Input(0)).Count == 0))
        {
            return;
        }
        var newShape = rewriter.ShapeOf(output);
        if (rewriter.TryGetAxis(output, out var axis))
        {
            newShape[axis] -= rewriter.Removed(output).Count;
        }
        if (node.Inputs.Count < 2)
        {
            // Opset 1–4 keeps the target in an attribute.
            var target = node.GetInts("shape")!;
            node.SetAttribute(NodeAttribute.Of("shape", Updated(target, newShape)));
            return;
        }
        if (rewriter.Current(index, 1) is not { } current)
        {
            // Computed at run time from the pruned shapes; coupling checked it follows the channels.
            return;
        }
        rewriter.Set(index, 1, NodeRewriter.Typed(current, Updated(current.ToInt64s(), newShape)));
    }

    /// <summary>Writes new sizes into a target shape, keeping 0 (copy) and −1 (infer) entries that still work.</summary>
    private static long[] Updated(long[] target, long[] newShape)
    {
        var result = (long[])target.Clone();
        for (var i = 0; i < result.Length && i < newShape.Length; i++)
        {
            if (result[i] > 0)
            {
                result[i] = newShape[i];
            }
        }
        return result;
    }
}
