using Shears.IR;
using Shears.IR.Inference;
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
    /// channels when it infers (−1) or copies (0, same axis) the channel axis; a size there that is
    /// the same at every input size is overwritten, and one that follows the batch (batch × heads)
    /// becomes −1 when no other entry is. Otherwise the channels stay.
    /// </summary>
    private static string? RuntimeTargetBlocks(DependencyBuilder graph, Node node)
    {
        if (node.OpType != "Reshape" || node.Input(1) is not { } target || graph.IsConstant(target))
        {
            return null;
        }
        var axis = graph.AxisOf(node.Outputs[0]);
        var copiesAxis = graph.AxisOf(node.Input(0)!) == axis;
        var elements = graph.SymbolicContents(target);
        var rewritable = elements is not null && axis < elements.Length
            ? Replacement(elements.Elements, axis, copiesAxis, 0) is not null
            : graph.BoundContents(target)?.ToInt64s() is { } values && axis < values.Length && (values[axis] == -1 || (values[axis] == 0 && copiesAxis));
        return rewritable ? null : $"Reshape '{node.DisplayName}' computes its target shape at run time in a way Shears cannot rewrite on the channel axis";
    }

    /// <summary>
    /// What a run-time target's entry on a resized axis becomes: unchanged (null value, follows
    /// already), the new size, or −1; null when it cannot follow.
    /// </summary>
    private static (long? Value, bool Follows)? Replacement(ShapeElement[] target, int axis, bool copiesAxis, long newSize) => target[axis] switch
    {
        { Value: -1 } => (null, true),
        { Value: 0 } when copiesAxis => (null, true),
        { Value: > 0 } => (newSize, false),
        { IsKnown: false } when !Array.Exists(target, e => e.Value == -1) => (-1, false),
        _ => null,
    };

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
            RewriteRuntimeTarget(rewriter, index, node, newShape);
            return;
        }
        rewriter.Set(index, 1, NodeRewriter.Typed(current, Updated(current.ToInt64s(), newShape)));
    }

    /// <summary>Overwrites the resized entries of a target computed at run time; the others (the batch) stay computed.</summary>
    private static void RewriteRuntimeTarget(NodeRewriter rewriter, int index, Node node, long[] newShape)
    {
        if (rewriter.SymbolicContents(node.Inputs[1])?.Elements is not { } target || target.Length != newShape.Length)
        {
            // Coupling checked that the bound contents infer or copy the channel axis.
            return;
        }
        var oldShape = rewriter.ShapeOf(node.Outputs[0]);
        var keep = new long[target.Length];
        var values = new long[target.Length];
        var changed = false;
        for (var i = 0; i < target.Length; i++)
        {
            keep[i] = 1;
            if (newShape[i] == oldShape[i]
                || Replacement(target, i, rewriter.TryGetAxis(node.Input(0)!, out var inputAxis) && inputAxis == i, newShape[i]) is not { Follows: false, Value: { } value })
            {
                continue;
            }
            (keep[i], values[i], changed) = (0, value, true);
        }
        if (changed)
        {
            rewriter.Overwrite(index, 1, keep, values);
        }
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
