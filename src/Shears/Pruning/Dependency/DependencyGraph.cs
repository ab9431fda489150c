using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Pruning.Dependency;

/// <summary>
/// The channel groups of a model: which channels must be removed together and which cannot be
/// removed at all (with the reason). Built on the model with its shape arithmetic folded to
/// constants where they hold at every input size (symbolic dimensions stay symbolic) and with
/// tensors held in Constant nodes lifted to initializers; <see cref="Model"/> is that folded model,
/// which pruning rewrites.
/// </summary>
public sealed class DependencyGraph
{
    private DependencyGraph(Model model, ShapeInferenceResult shapes, IReadOnlyList<DependencyGroup> groups, CouplingPolicy policy, ShapeInferenceOptions? inference)
    {
        Inference = inference;
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

    /// <summary>The input bindings <see cref="Shapes"/> were inferred with (null: the defaults).</summary>
    public ShapeInferenceOptions? Inference { get; }

    public IEnumerable<DependencyGroup> PrunableGroups => Groups.Where(g => g.IsPrunable);

    public static DependencyGraph Build(Model model, CouplingPolicy policy = CouplingPolicy.Channels, ShapeInferenceOptions? inference = null, IReadOnlyCollection<string>? ignoredNodes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Fold only what holds at every input size: the model's symbolic dimensions stay symbolic in
        // what pruning writes, and the bindings serve only the shapes the rules need.
        var declared = ShapeInference.Infer(model, ShapeInferenceOptions.Default with { DefaultDimValue = null });
        var folded = ShapeInference.FoldConstants(model, declared);
        folded.Graph = ConstantNodes.Lift(folded.Graph, folded.IrVersion);
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
        return new DependencyGraph(folded, shapes, groups, policy, inference);
    }
}
