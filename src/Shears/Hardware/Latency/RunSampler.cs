using System.Diagnostics;

namespace Shears.Hardware.Latency;

/// <summary>
/// The sampling loop every meter shares: warm-up, then timed samples until the minimum count and time
/// have passed and enough undisturbed ones were seen, within the sample and time limits. Runs shorter
/// than <see cref="MeasurementOptions.MinSampleTime"/> are timed in groups, so the clocks' own cost stays
/// out of the figures; nothing but the runs and the clock reads is inside the timed region.
/// </summary>
public static class RunSampler
{
    /// <summary>The most runs one sample groups; a run this fast is an empty call, not a model.</summary>
    private const int MaxRunsPerSample = 100_000;

    /// <summary>Runs <paramref name="run"/> repeatedly and times it; warm-up runs are not returned.</summary>
    /// <param name="run">One inference; called on this thread. It should allocate nothing, or the collector's work is timed too.</param>
    /// <param name="options">Counts, limits, grouping of short runs, and whether undisturbed samples are needed.</param>
    /// <returns>One entry per sample, each holding the mean time of its runs.</returns>
    public static IReadOnlyList<RunTiming> Sample(Action run, MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        double? lastWarmupMs = null;
        for (var i = 0; i < options.WarmupRuns; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            lastWarmupMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var perSample = RunsPerSample(run, options, lastWarmupMs);
        // Thread CPU time measures the run only when the run stays on this thread.
        var useCpu = options.Settings.Threads == 1 && ThreadCpuTime.IsAvailable;
        var wantClean = useCpu && options.PerNode ? options.MinCleanRuns : 0;
        var timings = new List<RunTiming>(Math.Min(options.MaxRuns, 4096));
        var clean = 0;
        // Garbage left by setting up (sessions, inputs, warm-up) is collected now rather than during a timed run.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var elapsed = Stopwatch.StartNew();
        while (timings.Count < options.MaxRuns && elapsed.Elapsed < options.MaxTime)
        {
            var cpuStart = useCpu ? ThreadCpuTime.NowNanoseconds() : null;
            var wallStart = Stopwatch.GetTimestamp();
            for (var i = 0; i < perSample; i++)
            {
                run();
            }
            var wall = Stopwatch.GetElapsedTime(wallStart).TotalMilliseconds;
            double? cpu = cpuStart is { } begin && ThreadCpuTime.NowNanoseconds() is { } end ? (end - begin) / 1e6 : null;
            var timing = new RunTiming(wall / perSample, cpu / perSample, perSample);
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

    /// <summary>
    /// How many runs one sample times: one when a run lasts <see cref="MeasurementOptions.MinSampleTime"/> or more
    /// (judged by the last warm-up run), else as many as fit into that time in a trial.
    /// </summary>
    private static int RunsPerSample(Action run, MeasurementOptions options, double? lastWarmupMs)
    {
        var least = options.MinSampleTime.TotalMilliseconds;
        if (least <= 0 || lastWarmupMs >= least)
        {
            return 1;
        }
        var runs = 0;
        var trial = Stopwatch.StartNew();
        while (trial.Elapsed.TotalMilliseconds < least && runs < MaxRunsPerSample)
        {
            run();
            runs++;
        }
        return Math.Max(1, runs);
    }
}
