using Shears.Pruning.Importance;

namespace Shears.Pruning;

/// <summary>
/// The uniform options a plan was built from (one granularity and amount for the whole model), kept
/// for reports and to reproduce the plan; a planner that decides group by group leaves it out.
/// </summary>
public sealed record PlanRecipe
{
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
}
