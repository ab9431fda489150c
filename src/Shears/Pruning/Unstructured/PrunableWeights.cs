using Shears.IR;
using Shears.Pruning.Rules;

namespace Shears.Pruning.Unstructured;

/// <summary>
/// Finds the weights fine-grained pruning sparsifies: those whose operator's pruning rule names a
/// reduction axis (convolutions, linear layers, constant matrix products).
/// </summary>
public static class PrunableWeights
{
    /// <summary>The float weights (rank 2 or more) of the standard nodes whose rule names a reduction axis, each once, in graph order.</summary>
    /// <param name="graph">The graph to search.</param>
    /// <param name="ignoredNodes">Node names whose weights are left out.</param>
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
            var axis = PruningRules.Find(node.OpType)?.WeightReductionAxis(node, tensor);
            if (axis is { } a && seen.Add(name))
            {
                result.Add(new PrunableWeight(name, node.DisplayName, [.. tensor.Dims], a));
            }
        }
        return result;
    }
}
