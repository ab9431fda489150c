namespace Shears.Hardware;

/// <summary>One cache level. For a per-core cache <see cref="SizeBytes"/> is the size of one instance.</summary>
public sealed record CacheInfo
{
    /// <summary>The cache level: 1 for L1, 2 for L2, 3 for L3.</summary>
    public int Level { get; init; }

    /// <summary>Whether the cache holds data, instructions or both.</summary>
    public CacheType Type { get; init; }

    /// <summary>Capacity in bytes of one instance (for a per-core cache, one core's copy).</summary>
    public long SizeBytes { get; init; }

    /// <summary>Whether each core has its own instance or cores share one.</summary>
    public CacheScope Scope { get; init; }
}
