using System.Diagnostics;

namespace Shears.Hardware.Latency;

/// <summary>
/// The sampling loop every meter shares: warm-up, then timed runs until the minimum count and time
/// have passed and enough undisturbed runs were seen, within the run and time limits.
/// </summary>
public static class RunSampler
{
    /// <summary>Runs <paramref name="run"/> repeatedly and times each call; warm-up runs are not returned.</summary>
    /// <param name="run">One inference; called on this thread.</param>
    /// <param name="options">Counts, limits, and whether undisturbed runs are needed.</param>
    public static IReadOnlyList<RunTiming> Sample(Action run, MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < options.WarmupRuns; i++)
        {
            run();
        }
        // Thread CPU time measures the run only when the run stays on this thread.
        var useCpu = options.Settings.Threads == 1 && ThreadCpuTime.IsAvailable;
        var wantClean = useCpu && options.PerNode ? options.MinCleanRuns : 0;
        var timings = new List<RunTiming>();
        var clean = 0;
        var elapsed = Stopwatch.StartNew();
        while (timings.Count < options.MaxRuns && elapsed.Elapsed < options.MaxTime)
        {
            var cpuStart = useCpu ? ThreadCpuTime.NowNanoseconds() : null;
            var wallStart = Stopwatch.GetTimestamp();
            run();
            var wall = Stopwatch.GetElapsedTime(wallStart).TotalMilliseconds;
            double? cpu = cpuStart is { } start && ThreadCpuTime.NowNanoseconds() is { } end ? (end - start) / 1e6 : null;
            var timing = new RunTiming(wall, cpu);
            timings.Add(timing);
            if (timing.IsUndisturbed(options.CleanCpuShare))
            {
                clean++;
            }
            if (timings.Count >= options.MinRuns && elapsed.Elapsed >= options.MinTime && clean >= wantClean)
            {
                break;
            }
        }
        return timings;
    }
}
