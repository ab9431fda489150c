using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning;

/// <summary>
/// A plan in format "shears.pruning-plan/1" (one granularity for the whole model; removed units,
/// weight masks and removed branches in three lists), read so older plans still apply.
/// </summary>
internal sealed record LegacyPlanV1
{
    public const string Format1 = "shears.pruning-plan/1";

    public string Format { get; init; } = Format1;

    public required string ModelFingerprint { get; init; }

    public required PruningGranularity Granularity { get; init; }

    public required ImportanceCriterion Criterion { get; init; }

    public PruningScope Scope { get; init; }

    public double? Ratio { get; init; }

    public float? Threshold { get; init; }

    public int? N { get; init; }

    public int? M { get; init; }

    public int? BlockRows { get; init; }

    public int? BlockColumns { get; init; }

    public int RoundTo { get; init; } = 1;

    public StructuredMode Mode { get; init; }

    public IReadOnlyList<string> Ignore { get; init; } = [];

    public IReadOnlyList<Group> Groups { get; init; } = [];

    public IReadOnlyList<Weight> Weights { get; init; } = [];

    public IReadOnlyList<string> RemovedBranches { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public sealed record Group(string Key, GroupKind Kind, int Units, IReadOnlyList<int> Removed, int Channels);

    public sealed record Weight(string Initializer, long Count, long Pruned, string Mask);

    /// <summary>The same decisions in the current schema.</summary>
    public PruningPlan ToCurrent()
    {
        var structured = Granularity is PruningGranularity.Channel or PruningGranularity.Head;
        var groups = new List<PlanGroup>();
        if (structured)
        {
            groups.AddRange(Groups.Select(g => PlanGroup.ForUnits(g.Key, g.Kind == GroupKind.Heads ? PruningGranularity.Head : PruningGranularity.Channel, g.Units, g.Removed, g.Channels)));
        }
        groups.AddRange(Weights.Select(w => new PlanGroup
        {
            Key = w.Initializer,
            Granularity = Granularity,
            Units = checked((int)w.Count),
            Amount = w.Count == 0 ? 0 : w.Pruned / (double)w.Count,
            Pruned = w.Pruned,
            Mask = w.Mask,
            N = Granularity == PruningGranularity.NM ? N : null,
            M = Granularity == PruningGranularity.NM ? M : null,
            BlockRows = Granularity == PruningGranularity.Block ? BlockRows : null,
            BlockColumns = Granularity == PruningGranularity.Block ? BlockColumns : null,
        }));
        groups.AddRange(RemovedBranches.Select(PlanGroup.RemovedBranch));
        return new PruningPlan
        {
            ModelFingerprint = ModelFingerprint,
            Recipe = new PlanRecipe
            {
                Granularity = Granularity,
                Criterion = Criterion,
                Scope = Scope,
                Ratio = Ratio,
                Threshold = Threshold,
                N = N,
                M = M,
                BlockRows = BlockRows,
                BlockColumns = BlockColumns,
                RoundTo = RoundTo,
            },
            Mode = Mode,
            Ignore = Ignore,
            Groups = groups,
            Notes = Notes,
        };
    }
}
