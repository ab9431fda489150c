using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>The granularity a target's evidence calls for, with its pattern's shape and the reason.</summary>
/// <param name="Granularity">Channels, N:M, block or unstructured.</param>
/// <param name="Reason">One sentence naming the evidence (the profile's sparsity support and its source).</param>
public sealed record GranularityChoice(PruningGranularity Granularity, string Reason)
{
    /// <summary>N:M: weights kept in every run of <see cref="M"/>.</summary>
    public int? N { get; init; }

    /// <summary>N:M: the run length.</summary>
    public int? M { get; init; }

    /// <summary>Block: rows of each block.</summary>
    public int? BlockRows { get; init; }

    /// <summary>Block: columns of each block.</summary>
    public int? BlockColumns { get; init; }
}
