namespace Shears.Data;

/// <summary>How a <see cref="BatchLoader"/> cuts an epoch into batches.</summary>
public sealed record BatchOptions
{
    /// <summary>Samples per batch; default 128. Must be positive.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Visit samples in a fresh random order each epoch (else in dataset order).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffles; an epoch's order depends only on the seed and the epoch number.</summary>
    public ulong Seed { get; init; }

    /// <summary>Leave out the last batch when it would be smaller than <see cref="BatchSize"/>.</summary>
    public bool DropPartialBatch { get; init; }
}
