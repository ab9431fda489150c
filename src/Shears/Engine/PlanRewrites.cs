using Shears.IR;

namespace Shears.Engine;

/// <summary>
/// Equivalent reorderings of a graph's nodes for execution; the model itself is left as it is.
/// Relu followed by MaxPool becomes MaxPool followed by Relu: the maximum commutes with any
/// non-decreasing function, so the result is the same, and so is the gradient (both route it to
/// the window's maximum when that is positive, nowhere otherwise), but the Relu and its backward
/// pass touch a quarter of the values for a 2×2 pool. For inference, a Relu that alone reads a
/// Gemm's output is folded into the Gemm (<see cref="FusedRelu"/>), which clamps each tile of the
/// product while it is still in cache, on the thread that computed it.
/// </summary>
internal static class PlanRewrites
{
    /// <summary>Marks a Gemm node whose output the plan clamps at zero (a Relu folded in); never written to a model.</summary>
    public const string FusedRelu = "shears.fused_relu";

    /// <summary>The nodes to execute, in order; <paramref name="renamed"/> maps each new intermediate value to the value whose shape it has.</summary>
    public static List<Node> Schedule(Graph graph, ExecutionMode mode, out Dictionary<string, string> renamed)
    {
        renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodes = new List<Node>(graph.Nodes);
        var readers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in graph.Nodes.SelectMany(n => n.Inputs))
        {
            readers[input] = readers.GetValueOrDefault(input) + 1;
        }
        var graphOutputs = graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var output in nodes[i].Outputs)
            {
                producers[output] = i;
            }
        }
        for (var p = 0; p < nodes.Count; p++)
        {
            var pool = nodes[p];
            if (pool.OpType != "MaxPool" || !pool.IsStandard || pool.Outputs.Count != 1 || pool.Inputs.Count != 1 ||
                !producers.TryGetValue(pool.Inputs[0], out var r))
            {
                continue;
            }
            var relu = nodes[r];
            var rectified = relu.Outputs[0];
            if (relu.OpType != "Relu" || !relu.IsStandard || relu.Outputs.Count != 1 || readers.GetValueOrDefault(rectified) != 1 || graphOutputs.Contains(rectified))
            {
                continue;
            }
            var pooled = pool.Outputs[0];
            var intermediate = $"{pooled}::before_{relu.DisplayName}";
            var movedPool = pool.Clone();
            movedPool.Inputs[0] = relu.Inputs[0];
            movedPool.Outputs[0] = intermediate;
            var movedRelu = relu.Clone();
            movedRelu.Inputs[0] = intermediate;
            movedRelu.Outputs[0] = pooled;
            nodes[r] = movedPool;
            nodes[p] = movedRelu;
            renamed[intermediate] = pooled;
        }
        if (mode == ExecutionMode.Inference)
        {
            FoldReluIntoGemm(nodes, readers, graphOutputs);
        }
        return nodes;
    }

    private static void FoldReluIntoGemm(List<Node> nodes, Dictionary<string, int> readers, HashSet<string> graphOutputs)
    {
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var output in nodes[i].Outputs)
            {
                producers[output] = i;
            }
        }
        var folded = new HashSet<int>();
        for (var r = 0; r < nodes.Count; r++)
        {
            var relu = nodes[r];
            if (relu.OpType != "Relu" || !relu.IsStandard || relu.Inputs.Count != 1 || relu.Outputs.Count != 1 ||
                !producers.TryGetValue(relu.Inputs[0], out var g))
            {
                continue;
            }
            var gemm = nodes[g];
            var product = gemm.Outputs[0];
            if (gemm.OpType != "Gemm" || !gemm.IsStandard || gemm.Outputs.Count != 1 || readers.GetValueOrDefault(product) != 1 || graphOutputs.Contains(product))
            {
                continue;
            }
            var fused = gemm.Clone();
            fused.Outputs[0] = relu.Outputs[0];
            fused.SetAttribute(NodeAttribute.Of(FusedRelu, 1L));
            nodes[g] = fused;
            folded.Add(r);
        }
        for (var r = nodes.Count - 1; r >= 0; r--)
        {
            if (folded.Contains(r))
            {
                nodes.RemoveAt(r);
            }
        }
    }
}
