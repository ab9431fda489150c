using System.Text.Json.Serialization;
using Shears.Pruning.Structured;

namespace Shears.Pruning;

/// <summary>
/// What a pruning run decided, as plain data: per group its granularity, amount and the units
/// kept, so one plan may cut channels in one place, drop a head in another and sparsify a weight
/// N:M elsewhere. Saved as JSON, shown, and re-applied exactly to the same model (checked by a
/// structural fingerprint).
/// </summary>
public sealed record PruningPlan
{
    /// <summary>The schema's name in the <c>format</c> field.</summary>
    public const string FormatName = "shears.pruning-plan";

    /// <summary>The schema version this Shears writes; version 1 plans are still read.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The schema's name; always <see cref="FormatName"/> for a plan this Shears reads.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The schema version; <see cref="CurrentVersion"/> for a plan this Shears wrote.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Structural fingerprint of the model the plan was made for.</summary>
    public required string ModelFingerprint { get; init; }

    /// <summary>The uniform options the plan was built from, when it was.</summary>
    public PlanRecipe? Recipe { get; init; }

    /// <summary>Channel, head and layer groups: remove the structures, or keep shapes and zero them. Weight masks always zero.</summary>
    public StructuredMode Mode { get; init; }

    /// <summary>Nodes the plan was told to leave alone (their weights and channels do not change).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>One decision per group, of any granularity.</summary>
    public IReadOnlyList<PlanGroup> Groups { get; init; } = [];

    /// <summary>Things the user should know (fallback criteria, skipped groups).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The channel and head groups.</summary>
    [JsonIgnore]
    public IEnumerable<PlanGroup> ChannelGroups => Groups.Where(g => g.IsChannelGroup);

    /// <summary>The weights' fine-grained masks.</summary>
    [JsonIgnore]
    public IEnumerable<PlanGroup> WeightMasks => Groups.Where(g => g.IsWeightMask);

    /// <summary>The Add nodes of the residual branches removed.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> RemovedBranches => [.. Groups.Where(g => g.Granularity == PruningGranularity.Layer && g.Kept is { Count: 0 }).Select(g => g.Key)];

    /// <summary>True when applying the plan would change no weight: no unit, branch or weight is removed.</summary>
    public bool RemovesNothing =>
        ChannelGroups.All(g => g.Removed.Count == 0) && RemovedBranches.Count == 0 && WeightMasks.All(g => (g.Pruned ?? 0) == 0);

    /// <summary>True when the recipe asked for nothing (a ratio or threshold of zero), so removing nothing is what was asked.</summary>
    public bool AsksNothing => Recipe is { } r && (r.Ratio == 0 || r.Threshold == 0);

    /// <summary>
    /// Whether applying the plan runs the structured pass (which also folds the model's shape
    /// arithmetic): when it has channel or head groups, or was built as a channel or head plan.
    /// </summary>
    [JsonIgnore]
    public bool HasStructuredPass => ChannelGroups.Any() || Recipe?.Granularity is PruningGranularity.Channel or PruningGranularity.Head;

    /// <summary>Whether applying the plan runs the layer pass: when it removes branches, or was built as a layer plan.</summary>
    [JsonIgnore]
    public bool HasLayerPass => RemovedBranches.Count > 0 || Recipe?.Granularity == PruningGranularity.Layer;

    /// <summary>
    /// One plan holding the groups of several plans for the same model, applied in one pass. The
    /// plans must share the model, mode and ignored nodes, and no group may appear twice.
    /// </summary>
    public static PruningPlan Combine(IReadOnlyList<PruningPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            throw new ArgumentException("Combine needs at least one plan", nameof(plans));
        }
        var first = plans[0];
        if (plans.Any(p => p.ModelFingerprint != first.ModelFingerprint))
        {
            throw new ShearsException("the plans were made for different models");
        }
        // Weight masks always zero; the mode is the structured plans' own and they must agree on it.
        var structured = plans.Where(p => p.HasStructuredPass || p.HasLayerPass).ToList();
        if (structured.Any(p => p.Mode != structured[0].Mode))
        {
            throw new ShearsException("the plans disagree on the mode (remove or mask)");
        }
        var groups = plans.SelectMany(p => p.Groups).ToList();
        if (groups.GroupBy(g => (g.Key, g.IsWeightMask)).FirstOrDefault(k => k.Count() > 1) is { } twice)
        {
            throw new ShearsException($"group '{twice.Key.Key}' is decided by two plans");
        }
        return new PruningPlan
        {
            ModelFingerprint = first.ModelFingerprint,
            Recipe = plans.Count == 1 ? first.Recipe : null,
            Mode = structured.Count > 0 ? structured[0].Mode : first.Mode,
            Ignore = [.. plans.SelectMany(p => p.Ignore).Distinct(StringComparer.Ordinal)],
            Groups = groups,
            Notes = [.. plans.SelectMany(p => p.Notes)],
        };
    }
}
