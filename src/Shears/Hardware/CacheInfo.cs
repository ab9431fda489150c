namespace Shears.Hardware;

/// <summary>One cache level. For a per-core cache <see cref="SizeBytes"/> is the size of one instance.</summary>
public sealed record CacheInfo
{
    public int Level { get; init; }

    public CacheType Type { get; init; }

    public long SizeBytes { get; init; }

    public CacheScope Scope { get; init; }
}
