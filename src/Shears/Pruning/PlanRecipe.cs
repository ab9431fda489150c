using Shears.Pruning.Importance;

namespace Shears.Pruning;

/// <summary>
/// The uniform options a plan was built from (one granularity and amount for the whole model), kept
/// for reports and to reproduce the plan; a planner that decides group by group leaves it out.
/// </summary>
public sealed record PlanRecipe
{
    /// <summary>What was pruned: unstructured weights, N:M, blocks, channels, heads or layers.</summary>
    public required PruningGranularity Granularity { get; init; }

    /// <summary>How units were scored for removal.</summary>
    public required ImportanceCriterion Criterion { get; init; }

    /// <summary>Whether the ratio applied to each layer or group alone, or to the whole model.</summary>
    public PruningScope Scope { get; init; }

    /// <summary>Fraction removed, in [0, 1); null when the plan used a threshold or N:M.</summary>
    public double? Ratio { get; init; }

    /// <summary>Unstructured only: weights with |w| below this were zeroed; null when a ratio was used.</summary>
    public float? Threshold { get; init; }

    /// <summary>N:M only: weights kept in every group of <see cref="M"/>.</summary>
    public int? N { get; init; }

    /// <summary>N:M only: the size of each group of consecutive weights along the reduction axis.</summary>
    public int? M { get; init; }

    /// <summary>Block only: rows of each zeroed block (along the weight's first axis).</summary>
    public int? BlockRows { get; init; }

    /// <summary>Block only: columns of each zeroed block (the weight's other axes flattened).</summary>
    public int? BlockColumns { get; init; }

    /// <summary>Kept channel (or head) counts were rounded to a multiple of this; 1 means no rounding.</summary>
    public int RoundTo { get; init; } = 1;
}
