namespace Shears.Hardware.Host;

/// <summary>Figures measured by the host micro-benchmarks, with how they were measured.</summary>
public sealed record HostMeasurements
{
    /// <summary>Peak float32 multiply-add throughput of one thread, in GFLOP/s.</summary>
    public double Float32GflopsPerCore { get; init; }

    /// <summary>Peak float32 multiply-add throughput of <see cref="Threads"/> threads together, in GFLOP/s.</summary>
    public double Float32GflopsAllCores { get; init; }

    /// <summary>Triad memory bandwidth of one thread, in GB/s.</summary>
    public double BandwidthGBpsSingleCore { get; init; }

    /// <summary>Triad memory bandwidth of <see cref="Threads"/> threads together, in GB/s.</summary>
    public double BandwidthGBpsAllCores { get; init; }

    /// <summary>Threads used for the all-core figures.</summary>
    public int Threads { get; init; }

    /// <summary>How the compute figures were measured (kernel and vector width), quoted in the profile's sources.</summary>
    public string ComputeMethod { get; init; } = "";

    /// <summary>How the bandwidth figures were measured (kernel and array size), quoted in the profile's sources.</summary>
    public string BandwidthMethod { get; init; } = "";
}
