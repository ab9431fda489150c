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
        var flow = new Dataflow(graph);
        MoveReluAfterMaxPool(nodes, flow, renamed);
        if (mode == ExecutionMode.Inference)
        {
            FoldReluIntoGemm(nodes, flow);
        }
        return nodes;
    }

    private static void MoveReluAfterMaxPool(List<Node> nodes, Dataflow flow, Dictionary<string, string> renamed)
    {
        for (var p = 0; p < nodes.Count; p++)
        {
            var pool = nodes[p];
            if (pool.OpType != "MaxPool" || flow.PrivateFeeder(nodes, pool, "Relu") is not { } r)
            {
                continue;
            }
            var relu = nodes[r];
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
            flow.Produced(intermediate, r);
            renamed[intermediate] = pooled;
        }
    }

    private static void FoldReluIntoGemm(List<Node> nodes, Dataflow flow)
    {
        var folded = new HashSet<int>();
        for (var r = 0; r < nodes.Count; r++)
        {
            var relu = nodes[r];
            if (relu.OpType != "Relu" || flow.PrivateFeeder(nodes, relu, "Gemm") is not { } g)
            {
                continue;
            }
            var fused = nodes[g].Clone();
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

    /// <summary>Who produces and who reads each value of the graph, for finding pairs of nodes that can be rewritten as one step.</summary>
    private sealed class Dataflow
    {
        private readonly Dictionary<string, int> _readers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _producers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _graphOutputs;

        public Dataflow(Graph graph)
        {
            foreach (var input in graph.Nodes.SelectMany(n => n.Inputs))
            {
                _readers[input] = _readers.GetValueOrDefault(input) + 1;
            }
            for (var i = 0; i < graph.Nodes.Count; i++)
            {
                foreach (var output in graph.Nodes[i].Outputs)
                {
                    _producers[output] = i;
                }
            }
            _graphOutputs = graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        }

        public void Produced(string value, int node) => _producers[value] = node;

        /// <summary>
        /// The index of the standard <paramref name="op"/> node whose one output is the one input of
        /// <paramref name="consumer"/> (itself standard, one output) and which nothing else sees: no
        /// other reader, not a graph output. Null when there is none.
        /// </summary>
        public int? PrivateFeeder(List<Node> nodes, Node consumer, string op)
        {
            if (!consumer.IsStandard || consumer.Inputs.Count != 1 || consumer.Outputs.Count != 1 || !_producers.TryGetValue(consumer.Inputs[0], out var feeder))
            {
                return null;
            }
            var node = nodes[feeder];
            var value = node.Outputs[0];
            return node.OpType == op && node.IsStandard && node.Outputs.Count == 1 && _readers.GetValueOrDefault(value) == 1 && !_graphOutputs.Contains(value) ? feeder : null;
        }
    }
}
