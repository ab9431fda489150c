using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Pruning.Dependency;

/// <summary>
/// The channel groups of a model: which channels must be removed together and which cannot be
/// removed at all (with the reason). Built on the model with its shape arithmetic folded to
/// constants at the analysed input shape; <see cref="Model"/> is that folded model, which pruning rewrites.
/// </summary>
public sealed class DependencyGraph
{
    private DependencyGraph(Model model, ShapeInferenceResult shapes, IReadOnlyList<DependencyGroup> groups, CouplingPolicy policy)
    {
        Model = model;
        Shapes = shapes;
        Groups = groups;
        Policy = policy;
    }

    /// <summary>The folded model the groups refer to.</summary>
    public Model Model { get; }

    public ShapeInferenceResult Shapes { get; }

    public IReadOnlyList<DependencyGroup> Groups { get; }

    public CouplingPolicy Policy { get; }

    public IEnumerable<DependencyGroup> PrunableGroups => Groups.Where(g => g.IsPrunable);

    public static DependencyGraph Build(Model model, CouplingPolicy policy = CouplingPolicy.Channels, ShapeInferenceOptions? inference = null, IReadOnlyCollection<string>? ignoredNodes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var first = ShapeInference.Infer(model, inference);
        var folded = ShapeInference.FoldConstants(model, first);
        folded.Graph.ValueInfos.Clear();
        var shapes = ShapeInference.Infer(folded, inference);
        var groups = new DependencyBuilder(folded.Graph, shapes, policy, folded.OpsetVersion).Build();
        if (ignoredNodes is { Count: > 0 })
        {
            var known = folded.Graph.Nodes.Select(n => n.DisplayName).Concat(model.Graph.Nodes.Select(n => n.DisplayName)).ToHashSet(StringComparer.Ordinal);
            var missing = ignoredNodes.Where(n => !known.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOptionException($"Ignore names no node {string.Join(", ", missing.Select(m => $"'{m}'"))} of the model", "Ignore");
            }
            groups = [.. groups.Select(g => g.IsPrunable && g.Layers.Any(ignoredNodes.Contains)
                ? g with { BlockedReason = $"it touches ignored node '{g.Layers.First(ignoredNodes.Contains)}'" }
                : g)];
        }
        return new DependencyGraph(folded, shapes, groups, policy);
    }
}
