using Shears.IR;

namespace Shears.Pruning.Dependency;

/// <summary>The part of one axis a Slice node keeps, read from its constant inputs or (before opset 10) attributes.</summary>
internal sealed record SliceRange(long Start, long Count, long Step, int InputIndex)
{
    /// <summary>
    /// The range on <paramref name="axis"/>, or null when the slice leaves that axis whole.
    /// Throws when the bounds are computed at run time.
    /// </summary>
    public static SliceRange? Find(Graph graph, Node node, long[] shape, int axis)
    {
        long[] starts, ends, axes, steps;
        if (node.Inputs.Count <= 1)
        {
            starts = node.GetInts("starts") ?? [];
            ends = node.GetInts("ends") ?? [];
            axes = node.GetInts("axes") ?? [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
            steps = [.. Enumerable.Repeat(1L, starts.Length)];
        }
        else
        {
            starts = Constant(graph, node, 1);
            ends = Constant(graph, node, 2);
            axes = node.Input(3) is null ? [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)] : Constant(graph, node, 3);
            steps = node.Input(4) is null ? [.. Enumerable.Repeat(1L, starts.Length)] : Constant(graph, node, 4);
        }
        for (var i = 0; i < axes.Length; i++)
        {
            var a = axes[i] < 0 ? axes[i] + shape.Length : axes[i];
            if (a != axis)
            {
                continue;
            }
            var (start, count) = IR.Inference.Rules.IndexingRules.Range(starts[i], ends[i], steps[i], shape[axis]);
            if (start == 0 && count == shape[axis] && steps[i] == 1)
            {
                return null;
            }
            return new SliceRange(start, count, steps[i], i);
        }
        return null;
    }

    private static long[] Constant(Graph graph, Node node, int input) =>
        graph.FindInitializer(node.Inputs[input])?.ToInt64s()
        ?? throw new ShearsException($"node '{node.DisplayName}': Slice bounds are computed at run time; Shears needs them constant to prune through it");
}
