using System.Text.Json.Serialization;
using Shears.Pruning.Dependency;

namespace Shears.Pruning;

/// <summary>
/// One group's decision in a plan. What a group is depends on its granularity: a channel or head
/// group of the dependency graph (units are channels or heads; <see cref="Kept"/> lists the
/// survivors), a weight tensor for unstructured, N:M and block sparsity (units are its elements;
/// <see cref="Mask"/> marks the zeroed ones), or a residual branch for layer pruning (one unit,
/// kept or removed).
/// </summary>
public sealed record PlanGroup
{
    /// <summary>The group's key, the weight's initializer name, or the residual branch's Add node.</summary>
    public required string Key { get; init; }

    /// <summary>How this group is pruned; decides what its units are.</summary>
    public required PruningGranularity Granularity { get; init; }

    /// <summary>The fraction of the group's units removed or zeroed, in [0, 1].</summary>
    public double Amount { get; init; }

    /// <summary>Units the group has.</summary>
    public required int Units { get; init; }

    /// <summary>Structured groups: indices of the kept units, ascending.</summary>
    public IReadOnlyList<int>? Kept { get; init; }

    /// <summary>Channel and head groups: channels each unit spans on the group's first value, for reports.</summary>
    public int? Channels { get; init; }

    /// <summary>N:M groups: weights kept in every run of <see cref="M"/>.</summary>
    public int? N { get; init; }

    /// <summary>N:M groups: the size of each run of consecutive weights.</summary>
    public int? M { get; init; }

    /// <summary>Block groups: the block shape.</summary>
    public int? BlockRows { get; init; }

    /// <summary>Block groups: columns of each block (the weight's other axes flattened).</summary>
    public int? BlockColumns { get; init; }

    /// <summary>Fine-grained groups: how many elements the mask zeroes.</summary>
    public long? Pruned { get; init; }

    /// <summary>Fine-grained groups: zeroed positions as bits (least significant first), deflated, base64.</summary>
    public string? Mask { get; init; }

    /// <summary>Whether the group is a dependency-graph group whose units are channels or heads.</summary>
    [JsonIgnore]
    public bool IsChannelGroup => Granularity is PruningGranularity.Channel or PruningGranularity.Head;

    /// <summary>Whether the group is one weight's fine-grained mask.</summary>
    [JsonIgnore]
    public bool IsWeightMask => Granularity is PruningGranularity.Unstructured or PruningGranularity.NM or PruningGranularity.Block;

    /// <summary>Heads for head groups, otherwise channels.</summary>
    [JsonIgnore]
    public GroupKind Kind => Granularity == PruningGranularity.Head ? GroupKind.Heads : GroupKind.Channels;

    /// <summary>Structured groups: indices of the removed units, ascending.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> Removed
    {
        get
        {
            if (Kept is null)
            {
                return [];
            }
            var kept = Kept.ToHashSet();
            return [.. Enumerable.Range(0, Units).Where(u => !kept.Contains(u))];
        }
    }

    /// <summary>A channel or head group that keeps every unit not in <paramref name="removed"/>.</summary>
    public static PlanGroup ForUnits(string key, PruningGranularity granularity, int units, IReadOnlyCollection<int> removed, int? channels = null)
    {
        var gone = removed.ToHashSet();
        return new PlanGroup
        {
            Key = key,
            Granularity = granularity,
            Units = units,
            Amount = units == 0 ? 0 : gone.Count / (double)units,
            Kept = [.. Enumerable.Range(0, units).Where(u => !gone.Contains(u))],
            Channels = channels,
        };
    }

    /// <summary>A residual branch removed by layer pruning.</summary>
    public static PlanGroup RemovedBranch(string add) => new()
    {
        Key = add,
        Granularity = PruningGranularity.Layer,
        Units = 1,
        Amount = 1,
        Kept = [],
    };
}
