using Shears.IR;

namespace Shears.Engine;

/// <summary>
/// Equivalent reorderings of a graph's nodes for execution; the model itself is left as it is.
/// Relu followed by MaxPool becomes MaxPool followed by Relu: the maximum commutes with any
/// non-decreasing function, so the result is the same, and so is the gradient (both route it to
/// the window's maximum when that is positive, nowhere otherwise), but the Relu and its backward
/// pass touch a quarter of the values for a 2×2 pool.
/// </summary>
internal static class PlanRewrites
{
    /// <summary>The nodes to execute, in order; <paramref name="renamed"/> maps each new intermediate value to the value whose shape it has.</summary>
    public static List<Node> Schedule(Graph graph, out Dictionary<string, string> renamed)
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
        return nodes;
    }
}
