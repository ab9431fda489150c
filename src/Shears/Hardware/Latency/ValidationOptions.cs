namespace Shears.Hardware.Latency;

/// <summary>How <see cref="LatencyModelValidation"/> samples variants and measures them.</summary>
public sealed record ValidationOptions
{
    /// <summary>Pruned variants made of each model.</summary>
    public int VariantsPerModel { get; init; } = 20;

    /// <summary>Seeds the variants' pruning ratios and the order of each measuring pass.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Each group of each variant loses a fraction drawn uniformly below this.</summary>
    public double MaxRatio { get; init; } = 0.75;

    /// <summary>Measurement passes over all variants; each variant's figure is its best pass.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Sampling per variant and pass; the settings inside are the ones validated.</summary>
    public MeasurementOptions Measurement { get; init; } = new()
    {
        Clock = TimingClock.ThreadCpu,
        PerNode = false,
        WarmupRuns = 2,
        MinRuns = 7,
        MaxRuns = 30,
        MinTime = TimeSpan.FromMilliseconds(100),
        MaxTime = TimeSpan.FromSeconds(5),
    };
}
