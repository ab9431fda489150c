namespace Shears.Hardware.Latency;

/// <summary>
/// A measured latency: whole-model figures over the timed runs, and the typical time of every
/// runtime node. <see cref="Clock"/> says which clock the headline figures come from.
/// </summary>
public sealed record LatencyMeasurement
{
    public required LatencySettings Settings { get; init; }

    public required TimingClock Clock { get; init; }

    public required double MedianMs { get; init; }

    public required double P90Ms { get; init; }

    public required double MinMs { get; init; }

    /// <summary>Median elapsed time, whatever the headline clock.</summary>
    public required double WallMedianMs { get; init; }

    /// <summary>Median thread CPU time; null when the run was multi-threaded or the clock is unavailable.</summary>
    public double? CpuMedianMs { get; init; }

    public required int Runs { get; init; }

    /// <summary>Runs no other process interrupted (known only where thread CPU time is).</summary>
    public int UndisturbedRuns { get; init; }

    public IReadOnlyList<NodeTiming> Nodes { get; init; } = [];

    /// <summary>Per-layer totals: runtime nodes summed per model layer they compute.</summary>
    public IReadOnlyDictionary<string, double> LayerMs() =>
        Nodes.Where(node => node.Layer is not null)
            .GroupBy(node => node.Layer!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(node => node.Ms), StringComparer.Ordinal);
}
