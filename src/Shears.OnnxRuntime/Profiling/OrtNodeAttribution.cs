using Shears.IR;

namespace Shears.OnnxRuntime.Profiling;

/// <summary>
/// Credits ONNX Runtime's nodes to the model's layers. ONNX Runtime names a rewritten node after
/// the node or the output value it replaces, with suffixes for layout variants ("_nchwc") or a
/// "fused " prefix (a Gemm with its activation); a fused Conv (with its Relu, or with a residual
/// Add) carries the name of the last fused node but reports the operator it computes, so the
/// credit moves up to the nearest producer of that operator.
/// </summary>
internal sealed class OrtNodeAttribution
{
    private static readonly string[] LayoutSuffixes = ["_nchwc", "_token_0", "_token"];
    private const string FusedPrefix = "fused ";
    private const int FusionDepth = 3;

    private readonly Dictionary<string, Node> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _byOutput;

    public OrtNodeAttribution(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var node in graph.Nodes.Where(node => node.Name.Length > 0))
        {
            _byName.TryAdd(node.Name, node);
        }
        _byOutput = graph.Producers();
    }

    /// <summary>The display name of the model layer an ONNX Runtime node computes; null for nodes ONNX Runtime inserted.</summary>
    public string? LayerOf(string runtimeName, string runtimeOp)
    {
        ArgumentNullException.ThrowIfNull(runtimeName);
        var node = Find(runtimeName);
        if (node is null)
        {
            return null;
        }
        return (runtimeOp.Length == 0 || SameOp(node.OpType, runtimeOp) ? node : NearestProducer(node, runtimeOp) ?? node).DisplayName;
    }

    private Node? Find(string runtimeName)
    {
        foreach (var candidate in Candidates(runtimeName))
        {
            if (_byName.TryGetValue(candidate, out var node) || _byOutput.TryGetValue(candidate, out node))
            {
                return node;
            }
        }
        return null;
    }

    private static IEnumerable<string> Candidates(string runtimeName)
    {
        yield return runtimeName;
        // Gemm+activation fusion names its node "fused <gemm name>".
        if (runtimeName.StartsWith(FusedPrefix, StringComparison.Ordinal))
        {
            yield return runtimeName[FusedPrefix.Length..];
        }
        foreach (var suffix in LayoutSuffixes)
        {
            if (runtimeName.EndsWith(suffix, StringComparison.Ordinal))
            {
                yield return runtimeName[..^suffix.Length];
            }
        }
    }

    // Breadth-first up the inputs: the fused operator is a close producer of the node it was named after.
    private Node? NearestProducer(Node start, string op)
    {
        var frontier = new List<Node> { start };
        for (var depth = 0; depth < FusionDepth && frontier.Count > 0; depth++)
        {
            var next = new List<Node>();
            foreach (var node in frontier)
            {
                foreach (var input in node.Inputs.Where(input => input.Length > 0))
                {
                    if (_byOutput.TryGetValue(input, out var producer))
                    {
                        if (SameOp(producer.OpType, op))
                        {
                            return producer;
                        }
                        next.Add(producer);
                    }
                }
            }
            frontier = next;
        }
        return null;
    }

    // ONNX Runtime reports fused convolutions as FusedConv or NchwcConv-style names; they still compute a Conv.
    private static bool SameOp(string modelOp, string runtimeOp) =>
        modelOp == runtimeOp || (modelOp == "Conv" && runtimeOp.EndsWith("Conv", StringComparison.Ordinal))
        || (modelOp == "Gemm" && runtimeOp is "FusedGemm" or "MatMul") || (modelOp == "MatMul" && runtimeOp is "FusedMatMul" or "Gemm");
}
