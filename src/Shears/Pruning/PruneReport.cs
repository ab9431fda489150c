using Shears.Analysis;
using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Pruning;

/// <summary>
/// What a pruning run did: totals before and after, and the decision per channel or head group,
/// per weight and per removed residual branch. The CLI renders it; <see cref="PruneReportJson"/> writes it.
/// </summary>
public sealed record PruneReport
{
    /// <summary>The plan's one granularity, or "mixed" when its groups differ.</summary>
    public required string Granularity { get; init; }

    /// <summary>The importance criterion of a uniform plan, or null.</summary>
    public string? Criterion { get; init; }

    /// <summary>Analysis of the model before pruning.</summary>
    public required ModelAnalysis Before { get; init; }

    /// <summary>Analysis of the pruned model, at the same input bindings.</summary>
    public required ModelAnalysis After { get; init; }

    /// <summary>Zero counts of the prunable weights before pruning.</summary>
    public required Sparsity SparsityBefore { get; init; }

    /// <summary>Zero counts of the prunable weights after pruning.</summary>
    public required Sparsity SparsityAfter { get; init; }

    /// <summary>The channel and head groups, in plan order.</summary>
    public required IReadOnlyList<PlanGroup> Groups { get; init; }

    /// <summary>The Add nodes of the residual branches layer pruning removed.</summary>
    public required IReadOnlyList<string> RemovedBranches { get; init; }

    /// <summary>How many weights the plan sparsifies with a fine-grained mask.</summary>
    public int MaskedWeights { get; init; }

    /// <summary>The plan's notes: things the user should know (fallback criteria, skipped groups).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <param name="plan">The plan applied.</param>
    /// <param name="original">The model before.</param>
    /// <param name="pruned">The model after.</param>
    /// <param name="shapes">Input bindings for both analyses (null: representative sizes).</param>
    public static PruneReport Of(PruningPlan plan, Model original, Model pruned, ShapeInferenceOptions? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(pruned);
        var granularities = plan.Groups.Select(g => g.Granularity).Distinct().ToList();
        var granularity = plan.Recipe?.Granularity.Name() ?? (granularities.Count == 1 ? granularities[0].Name() : "mixed");
        return new PruneReport
        {
            Granularity = granularity,
            Criterion = plan.Recipe?.Criterion.ToString().ToLowerInvariant(),
            Before = ModelAnalyzer.Analyze(original, shapes),
            After = ModelAnalyzer.Analyze(pruned, shapes),
            SparsityBefore = Sparsity.Of(original),
            SparsityAfter = Sparsity.Of(pruned),
            Groups = [.. plan.ChannelGroups],
            RemovedBranches = plan.RemovedBranches,
            MaskedWeights = plan.WeightMasks.Count(),
            Notes = plan.Notes,
        };
    }
}
