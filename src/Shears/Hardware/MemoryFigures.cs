namespace Shears.Hardware;

/// <summary>Off-chip memory: bandwidth in GB/s (10^9 bytes per second) and capacity.</summary>
public sealed record MemoryFigures
{
    public double? BandwidthGBps { get; init; }

    /// <summary>What one core can pull on its own; single-threaded kernels are bounded by this, not the total.</summary>
    public double? SingleCoreBandwidthGBps { get; init; }

    public long? CapacityBytes { get; init; }
}
