using Shears.IR.Inference;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning;

/// <summary>What to prune and how much. Exactly one amount applies per granularity: a ratio, a threshold, N:M, or a block shape with a ratio.</summary>
public sealed record PruningOptions
{
    /// <summary>What to prune; default <see cref="PruningGranularity.Channel"/>.</summary>
    public PruningGranularity Granularity { get; init; } = PruningGranularity.Channel;

    /// <summary>How to score units for removal (lowest scores go first); default <see cref="ImportanceCriterion.L1"/>.</summary>
    public ImportanceCriterion Criterion { get; init; } = ImportanceCriterion.L1;

    /// <summary>Fraction to remove, in [0, 1).</summary>
    public double? Ratio { get; init; }

    /// <summary>
    /// Channel and head pruning in local scope: the fraction to remove from each group named here (by its key), in place of
    /// <see cref="Ratio"/>, which still applies to the groups not named. A plan built with it records no recipe, since no
    /// one ratio describes it.
    /// </summary>
    public IReadOnlyDictionary<string, double>? GroupRatios { get; init; }

    /// <summary>Unstructured only: weights with |w| below this become zero.</summary>
    public float? Threshold { get; init; }

    /// <summary>N:M: weights kept in every group of M.</summary>
    public int? N { get; init; }

    /// <summary>N:M: the size of each group of consecutive weights along the layer's reduction axis (input channels or features).</summary>
    public int? M { get; init; }

    /// <summary>Block: rows of each block, along the weight's first axis; default 1.</summary>
    public int BlockRows { get; init; } = 1;

    /// <summary>Block: columns of each block, along the weight's other axes flattened in memory order; default 16. Rows × columns must be at least 2.</summary>
    public int BlockColumns { get; init; } = 16;

    /// <summary>Whether <see cref="Ratio"/> applies to each layer or group on its own (default) or to the whole model with scores compared across layers.</summary>
    public PruningScope Scope { get; init; } = PruningScope.Local;

    /// <summary>Kept channel (or head) counts are rounded to a multiple of this.</summary>
    public int RoundTo { get; init; } = 1;

    /// <summary>Nodes whose weights and channels must not change.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Remove or mask; null picks remove for structured granularities and mask for the others.</summary>
    public StructuredMode? Mode { get; init; }

    /// <summary>How a channel's score combines the scores of the weight slices it spans (the producing filter, the reading columns); default <see cref="ScoreAggregation.Mean"/>.</summary>
    public ScoreAggregation Aggregation { get; init; } = ScoreAggregation.Mean;

    /// <summary>
    /// Input bindings for the shapes pruning needs (symbolic sizes get representative values by
    /// default); the written model keeps its symbolic dimensions whatever they are bound to here.
    /// </summary>
    public ShapeInferenceOptions? Shapes { get; init; }

    /// <summary>Seed of the random criterion.</summary>
    public ulong Seed { get; init; }

    /// <summary>True for channel, head and layer pruning, which can shrink tensors; false for the fine-grained granularities, which only zero weights.</summary>
    public bool IsStructured => Granularity is PruningGranularity.Channel or PruningGranularity.Head or PruningGranularity.Layer;

    /// <summary><see cref="Mode"/> when set; otherwise remove for structured granularities and mask for the others.</summary>
    public StructuredMode EffectiveMode => Mode ?? (IsStructured ? StructuredMode.Remove : StructuredMode.Mask);

    /// <summary>Checks that the options make sense together; throws with one line naming the problem.</summary>
    public void Validate()
    {
        if (Ratio is { } r && (r < 0 || r >= 1 || double.IsNaN(r)))
        {
            throw new InvalidOptionException($"Ratio must be in [0, 1), got {r}", nameof(Ratio));
        }
        if (GroupRatios is not null)
        {
            ValidateGroupRatios(GroupRatios);
        }
        if (RoundTo < 1)
        {
            throw new InvalidOptionException($"RoundTo must be at least 1, got {RoundTo}", nameof(RoundTo));
        }
        if (!IsStructured && Mode == StructuredMode.Remove)
        {
            throw new InvalidOptionException($"{Granularity.Name()} pruning keeps tensor shapes, so Mode must be mask, got remove", nameof(Mode));
        }
        switch (Granularity)
        {
            case PruningGranularity.Unstructured:
                if ((Ratio is null) == (Threshold is null))
                {
                    throw new InvalidOptionException("unstructured pruning needs exactly one of Ratio or Threshold", nameof(Ratio), nameof(Threshold));
                }
                if (Threshold is < 0)
                {
                    throw new InvalidOptionException($"Threshold must not be negative, got {Threshold}", nameof(Threshold));
                }
                break;
            case PruningGranularity.NM:
                if (N is not { } n || M is not { } m)
                {
                    throw new InvalidOptionException("n:m pruning needs N and M", nameof(N), nameof(M));
                }
                if (n < 1 || m < 2 || n >= m)
                {
                    throw new InvalidOptionException($"N {n} and M {m} are impossible: n:m pruning needs 1 ≤ N < M", nameof(N), nameof(M));
                }
                break;
            case PruningGranularity.Block:
                if (Ratio is null)
                {
                    throw new InvalidOptionException("block pruning needs Ratio", nameof(Ratio));
                }
                if (BlockRows < 1 || BlockColumns < 1 || BlockRows * BlockColumns < 2)
                {
                    throw new InvalidOptionException($"the block shape {BlockRows}x{BlockColumns} must cover at least two weights");
                }
                break;
            default:
                if (Ratio is null)
                {
                    throw new InvalidOptionException($"{Granularity.Name()} pruning needs Ratio", nameof(Ratio));
                }
                if (Threshold is not null || N is not null)
                {
                    throw new InvalidOptionException("Threshold applies to unstructured pruning and N and M to n:m pruning only", nameof(Threshold), nameof(N), nameof(M));
                }
                break;
        }
        if (Criterion == ImportanceCriterion.BatchNorm && !IsStructured)
        {
            throw new InvalidOptionException($"Criterion bn scores channels; Granularity must be channel, head or layer, got {Granularity.Name()}", nameof(Criterion), nameof(Granularity));
        }
    }

    private void ValidateGroupRatios(IReadOnlyDictionary<string, double> ratios)
    {
        if (Granularity is not (PruningGranularity.Channel or PruningGranularity.Head))
        {
            throw new InvalidOptionException($"GroupRatios apply to channel and head pruning, not {Granularity.Name()}", nameof(GroupRatios), nameof(Granularity));
        }
        if (Scope != PruningScope.Local)
        {
            throw new InvalidOptionException("GroupRatios give each group its own ratio, so Scope must be local", nameof(GroupRatios), nameof(Scope));
        }
        foreach (var (key, ratio) in ratios)
        {
            if (ratio < 0 || ratio >= 1 || double.IsNaN(ratio))
            {
                throw new InvalidOptionException($"GroupRatios for '{key}' must be in [0, 1), got {ratio}", nameof(GroupRatios));
            }
        }
    }
}
