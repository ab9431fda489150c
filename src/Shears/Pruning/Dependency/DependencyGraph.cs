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
    private DependencyGraph(Model model, ShapeInferenceResult shapes, ShapeInferenceResult symbolic, IReadOnlyList<DependencyGroup> groups, CouplingPolicy policy, ShapeInferenceOptions? inference)
    {
        SymbolicShapes = symbolic;
        Inference = inference;
        Model = model;
        Shapes = shapes;
        Groups = groups;
        Policy = policy;
    }

    /// <summary>The folded model the groups refer to.</summary>
    public Model Model { get; }

    /// <summary>Shapes of the folded model at the <see cref="Inference"/> bindings.</summary>
    public ShapeInferenceResult Shapes { get; }

    /// <summary>
    /// Shapes with the model's symbolic dimensions unbound: what a shape computed at run time
    /// holds at every input size (Reshape targets built from the batch), which rewrites keep.
    /// </summary>
    internal ShapeInferenceResult SymbolicShapes { get; }

    /// <summary>Every group, prunable or blocked, in graph order.</summary>
    public IReadOnlyList<DependencyGroup> Groups { get; }

    /// <summary>Whether attention values were coupled by channels or by heads.</summary>
    public CouplingPolicy Policy { get; }

    /// <summary>The input bindings <see cref="Shapes"/> were inferred with (null: the defaults).</summary>
    public ShapeInferenceOptions? Inference { get; }

    /// <summary>The groups that can be pruned (no <see cref="DependencyGroup.BlockedReason"/>).</summary>
    public IEnumerable<DependencyGroup> PrunableGroups => Groups.Where(g => g.IsPrunable);

    /// <summary>Folds the model's shape arithmetic and finds its channel (or head) groups.</summary>
    /// <param name="model">The model; not changed (the graph holds a folded copy).</param>
    /// <param name="policy">Couple attention values by channels (default) or by heads.</param>
    /// <param name="inference">Input bindings for the shapes the rules need; null uses the defaults.</param>
    /// <param name="ignoredNodes">Node names whose groups become blocked.</param>
    /// <exception cref="InvalidOptionException">An ignored name is not a node of the model.</exception>
    /// <exception cref="ShapeInferenceException">The model's shapes contradict an operator's rules.</exception>
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
        // Node outputs keep their names through folding, so the unfolded model's symbolic shapes describe the folded one.
        var groups = new DependencyBuilder(folded.Graph, shapes, declared, policy, folded.OpsetVersion).Build();
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
        return new DependencyGraph(folded, shapes, declared, groups, policy, inference);
    }
}
