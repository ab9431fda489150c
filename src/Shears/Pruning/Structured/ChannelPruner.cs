using Shears.IR;
using Shears.IR.Inference;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Structured;

/// <summary>
/// Applies a choice of units to remove: every coupled value loses the units' channels, and each
/// node's weights, biases, normalisation parameters, group counts and shape constants follow.
/// In mask mode shapes stay and the weights of the removed channels become zero instead.
/// </summary>
public static class ChannelPruner
{
    /// <summary>A pruned copy of the dependency graph's folded model.</summary>
    /// <param name="dependencies">The groups, built on the model to prune.</param>
    /// <param name="removals">Per group, the indices of the units to remove; groups left out keep every unit.</param>
    /// <param name="mode">Remove the channels (shapes shrink) or mask them (weights become zero).</param>
    /// <exception cref="ShearsException">A group is blocked or would lose all its units.</exception>
    public static Model Apply(DependencyGraph dependencies, IReadOnlyDictionary<DependencyGroup, IReadOnlyCollection<int>> removals, StructuredMode mode = StructuredMode.Remove)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        ArgumentNullException.ThrowIfNull(removals);
        var removed = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var axes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (group, units) in removals)
        {
            if (units.Count == 0)
            {
                continue;
            }
            if (!group.IsPrunable)
            {
                throw new ShearsException($"group '{group.Key}' cannot be pruned: {group.BlockedReason}");
            }
            if (units.Count >= group.Units.Count)
            {
                throw new ShearsException($"group '{group.Key}' would lose all {group.Units.Count} of its units");
            }
            foreach (var unit in units)
            {
                foreach (var channel in group.Units[unit].Channels)
                {
                    if (!removed.TryGetValue(channel.Value, out var set))
                    {
                        removed[channel.Value] = set = [];
                    }
                    set.Add(channel.Index);
                    axes[channel.Value] = channel.Axis;
                }
            }
        }

        var model = dependencies.Model.Clone();
        var rewriter = new NodeRewriter(model.Graph, dependencies.Shapes, dependencies.SymbolicShapes, removed, axes, mode);
        rewriter.Run();
        model.Graph.ValueInfos.Clear();
        model.Graph.RemoveUnused();
        try
        {
            ShapeInference.Infer(model, dependencies.Inference);
        }
        catch (ShapeInferenceException e)
        {
            throw new ShearsException($"pruning produced an inconsistent graph (a Shears bug; please report it): {e.Message}", e);
        }
        return model;
    }
}
