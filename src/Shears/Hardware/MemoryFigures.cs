namespace Shears.Hardware;

/// <summary>Off-chip memory: bandwidth in GB/s (10^9 bytes per second) and capacity.</summary>
public sealed record MemoryFigures
{
    /// <summary>Sustained bandwidth of the whole device in GB/s, when known.</summary>
    public double? BandwidthGBps { get; init; }

    /// <summary>What one core can pull on its own; single-threaded kernels are bounded by this, not the total.</summary>
    public double? SingleCoreBandwidthGBps { get; init; }

    /// <summary>Memory size in bytes, when known.</summary>
    public long? CapacityBytes { get; init; }
}
