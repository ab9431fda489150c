using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning;

/// <summary>
/// What a pruning run decided, as plain data: saved as JSON, shown, and re-applied exactly to the
/// same model (checked by a structural fingerprint).
/// </summary>
public sealed record PruningPlan
{
    public const string CurrentFormat = "shears.pruning-plan/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>Structural fingerprint of the model the plan was made for.</summary>
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

    /// <summary>Structured pruning: units removed per group.</summary>
    public IReadOnlyList<GroupDecision> Groups { get; init; } = [];

    /// <summary>Fine-grained pruning: which entries of each weight are zero.</summary>
    public IReadOnlyList<WeightDecision> Weights { get; init; } = [];

    /// <summary>Layer pruning: the Add nodes of the removed residual branches.</summary>
    public IReadOnlyList<string> RemovedBranches { get; init; } = [];

    /// <summary>Things the user should know (fallback criteria, skipped groups).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One group's decision.</summary>
/// <param name="Key">The group's stable key.</param>
/// <param name="Kind">Channels or heads.</param>
/// <param name="Units">Units the group had.</param>
/// <param name="Removed">Indices of the removed units, ascending.</param>
/// <param name="Channels">Channels (per value on the group's first value) each unit spans, for reports.</param>
public sealed record GroupDecision(string Key, GroupKind Kind, int Units, IReadOnlyList<int> Removed, int Channels);

/// <summary>One weight's fine-grained mask.</summary>
/// <param name="Initializer">The weight's name.</param>
/// <param name="Count">Its element count.</param>
/// <param name="Pruned">How many entries are zero by the plan.</param>
/// <param name="Mask">Pruned positions as bits (least significant first), deflated, base64.</param>
public sealed record WeightDecision(string Initializer, long Count, long Pruned, string Mask);
