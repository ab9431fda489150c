namespace Shears.Hardware.Host;

/// <summary>Figures measured by the host micro-benchmarks, with how they were measured.</summary>
public sealed record HostMeasurements
{
    public double Float32GflopsPerCore { get; init; }

    public double Float32GflopsAllCores { get; init; }

    public double BandwidthGBpsSingleCore { get; init; }

    public double BandwidthGBpsAllCores { get; init; }

    /// <summary>Threads used for the all-core figures.</summary>
    public int Threads { get; init; }

    public string ComputeMethod { get; init; } = "";

    public string BandwidthMethod { get; init; } = "";
}
