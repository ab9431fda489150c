namespace Shears.Hardware.Latency;

/// <summary>
/// A measured latency: whole-model figures over the timed runs, and the typical time of every
/// runtime node. <see cref="Clock"/> says which clock the headline figures come from.
/// </summary>
public sealed record LatencyMeasurement
{
    /// <summary>The runtime, threads and batch the model was timed at.</summary>
    public required LatencySettings Settings { get; init; }

    /// <summary>The clock <see cref="MedianMs"/>, <see cref="P90Ms"/> and <see cref="MinMs"/> are read from.</summary>
    public required TimingClock Clock { get; init; }

    /// <summary>Median whole-model time over the timed runs, in milliseconds, on <see cref="Clock"/>.</summary>
    public required double MedianMs { get; init; }

    /// <summary>90th-percentile whole-model time, in milliseconds, on <see cref="Clock"/>.</summary>
    public required double P90Ms { get; init; }

    /// <summary>Fastest whole-model time, in milliseconds, on <see cref="Clock"/>.</summary>
    public required double MinMs { get; init; }

    /// <summary>Median elapsed time, whatever the headline clock.</summary>
    public required double WallMedianMs { get; init; }

    /// <summary>Median thread CPU time; null when the run was multi-threaded or the clock is unavailable.</summary>
    public double? CpuMedianMs { get; init; }

    /// <summary>Timed runs after warm-up.</summary>
    public required int Runs { get; init; }

    /// <summary>Timed samples the figures are medians of: each one run, or a group of short runs timed together.</summary>
    public int Samples { get; init; }

    /// <summary>Samples no other process interrupted (known only where thread CPU time is).</summary>
    public int UndisturbedRuns { get; init; }

    /// <summary>Typical time of each runtime node, when per-node timing was asked for; empty otherwise.</summary>
    public IReadOnlyList<NodeTiming> Nodes { get; init; } = [];

    /// <summary>Per-layer totals: runtime nodes summed per model layer they compute.</summary>
    public IReadOnlyDictionary<string, double> LayerMs() =>
        Nodes.Where(node => node.Layer is not null)
            .GroupBy(node => node.Layer!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(node => node.Ms), StringComparer.Ordinal);
}
