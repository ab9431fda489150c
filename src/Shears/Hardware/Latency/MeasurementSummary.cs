namespace Shears.Hardware.Latency;

/// <summary>
/// Turns run timings and per-run node durations into a <see cref="LatencyMeasurement"/>. Node times
/// are elapsed times, so on a busy machine they come from undisturbed runs when there are enough;
/// otherwise each run's node times are scaled by that run's CPU share, which removes the part of
/// the run other processes took, on average.
/// </summary>
public static class MeasurementSummary
{
    /// <param name="timings">One entry per timed sample (a run, or a group of runs timed together).</param>
    /// <param name="nodes">The runtime nodes, in the order of the durations.</param>
    /// <param name="nodeDurations">Per timed sample, one elapsed duration (ms) per node; empty when nodes were not timed.</param>
    /// <param name="options">The clock asked for and the undisturbed-run rules.</param>
    public static LatencyMeasurement Summarize(
        IReadOnlyList<RunTiming> timings,
        IReadOnlyList<(string Name, string Op, string? Layer)> nodes,
        IReadOnlyList<double[]> nodeDurations,
        MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(timings);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(nodeDurations);
        ArgumentNullException.ThrowIfNull(options);
        if (timings.Count == 0)
        {
            throw new ShearsException("no timed runs to summarise");
        }
        var wall = timings.Select(t => t.WallMs).Order().ToArray();
        var hasCpu = timings.All(t => t.CpuMs is not null);
        var cpu = hasCpu ? timings.Select(t => t.CpuMs!.Value).Order().ToArray() : null;
        var clock = options.Clock == TimingClock.ThreadCpu && cpu is not null ? TimingClock.ThreadCpu : TimingClock.Wall;
        var headline = clock == TimingClock.ThreadCpu ? cpu! : wall;
        var clean = Enumerable.Range(0, timings.Count).Where(i => timings[i].IsUndisturbed(options.CleanCpuShare)).ToList();
        return new LatencyMeasurement
        {
            Settings = options.Settings,
            Clock = clock,
            MedianMs = Percentile(headline, 0.5),
            P90Ms = Percentile(headline, 0.9),
            MinMs = headline[0],
            WallMedianMs = Percentile(wall, 0.5),
            CpuMedianMs = cpu is null ? null : Percentile(cpu, 0.5),
            Runs = timings.Sum(t => t.Runs),
            Samples = timings.Count,
            UndisturbedRuns = clean.Count,
            Nodes = NodeTimes(timings, nodes, nodeDurations, clean, clock, options),
        };
    }

    /// <summary>Linear interpolation between the closest ranks of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no values", nameof(sorted));
        }
        var position = Math.Clamp(p, 0, 1) * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Count - 1, low + 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    /// <summary>The median of the values (the mean of the middle two for an even count).</summary>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Percentile(values.Order().ToArray(), 0.5);
    }

    private static List<NodeTiming> NodeTimes(
        IReadOnlyList<RunTiming> timings,
        IReadOnlyList<(string Name, string Op, string? Layer)> nodes,
        IReadOnlyList<double[]> durations,
        List<int> clean,
        TimingClock clock,
        MeasurementOptions options)
    {
        if (durations.Count == 0 || nodes.Count == 0)
        {
            return [];
        }
        if (durations.Count != timings.Count)
        {
            throw new ArgumentException($"{durations.Count} node-duration rows for {timings.Count} runs", nameof(durations));
        }
        // Undisturbed runs give true elapsed node times whichever clock the headline uses.
        var useClean = clean.Count >= Math.Max(1, options.MinCleanRuns);
        var result = new List<NodeTiming>(nodes.Count);
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = n;
            IEnumerable<double> samples = useClean
                ? clean.Select(run => durations[run][node])
                : clock == TimingClock.ThreadCpu
                    ? Enumerable.Range(0, timings.Count).Select(run => durations[run][node] * Math.Min(1, timings[run].CpuMs!.Value / timings[run].WallMs))
                    : durations.Select(row => row[node]);
            result.Add(new NodeTiming(nodes[n].Name, nodes[n].Op, Median(samples), nodes[n].Layer));
        }
        return result;
    }
}
