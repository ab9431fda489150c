using Shears.IR;

namespace Shears.Pruning.Unstructured;

/// <summary>Finds the weights of convolutions, linear layers and constant matrix products.</summary>
public static class PrunableWeights
{
    public static IReadOnlyList<PrunableWeight> Find(Graph graph, IReadOnlyCollection<string>? ignoredNodes = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var result = new List<PrunableWeight>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.IsStandard))
        {
            if (ignoredNodes?.Contains(node.DisplayName) == true || node.Input(1) is not { } name
                || graph.FindInitializer(name) is not { } tensor || tensor.ElementType != DataType.Float || tensor.Rank < 2)
            {
                continue;
            }
            int? axis = node.OpType switch
            {
                "Conv" => 1,
                "ConvTranspose" => 0,
                "Gemm" => node.GetInt("transB", 0) != 0 ? 1 : 0,
                "MatMul" => tensor.Rank - 2,
                _ => null,
            };
            if (axis is { } a && seen.Add(name))
            {
                result.Add(new PrunableWeight(name, node.DisplayName, [.. tensor.Dims], a));
            }
        }
        return result;
    }
}
