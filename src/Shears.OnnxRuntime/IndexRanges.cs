using Shears.IR;

namespace Shears.OnnxRuntime;

/// <summary>Finds the valid range of integer inputs that a model uses as indices into a weight table.</summary>
internal static class IndexRanges
{
    /// <summary>For each integer runtime input fed to Gather over an initializer: [0, rows along the gather axis).</summary>
    public static Dictionary<string, IntegerRange> Infer(Graph graph)
    {
        var integerInputs = graph.RuntimeInputs.Where(i => DataTypes.IsInteger(i.ElementType)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var ranges = new Dictionary<string, IntegerRange>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.OpType != "Gather" || !node.IsStandard || node.Input(1) is not { } indices || !integerInputs.Contains(indices)
                || node.Input(0) is not { } data || graph.FindInitializer(data) is not { } table)
            {
                continue;
            }
            var axis = node.GetInt("axis", 0);
            axis = axis < 0 ? axis + table.Rank : axis;
            if (axis < 0 || axis >= table.Rank || table.Dims[(int)axis] == 0)
            {
                continue;
            }
            var rows = table.Dims[(int)axis];
            // An input indexing several tables must be valid for the smallest.
            ranges[indices] = ranges.TryGetValue(indices, out var known) && known.Max < rows ? known : new IntegerRange(0, rows);
        }
        return ranges;
    }
}
