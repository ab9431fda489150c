namespace Shears.Hardware.Host;

/// <summary>How long and how large the host micro-benchmarks run. Defaults take about two seconds in all.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>Length of one timed run of the multiply-add kernel.</summary>
    public TimeSpan ComputeRunTime { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Timed runs per figure; the best one counts, since interference only ever slows a run down.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Bytes per triad array; null means four times the largest cache and at least 64 MiB.</summary>
    public long? BandwidthArrayBytes { get; init; }

    /// <summary>Threads for the all-core figures; null means every logical processor this process may use.</summary>
    public int? Threads { get; init; }

    /// <summary>The default settings, about two seconds of benchmarks in all.</summary>
    public static BenchmarkSettings Default { get; } = new();
}
