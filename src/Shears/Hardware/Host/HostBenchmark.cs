namespace Shears.Hardware.Host;

/// <summary>Runs the host micro-benchmarks: peak float32 multiply-add and triad memory bandwidth, on one and all threads.</summary>
public static class HostBenchmark
{
    private const long MinimumArrayBytes = 64L << 20;

    /// <summary>Measures peak float32 multiply-add and triad bandwidth on one thread and on all threads; takes about two seconds with the default settings.</summary>
    /// <param name="facts">The host's facts; its caches and memory size decide the default triad array size.</param>
    /// <param name="settings">Run lengths, repeats, array size and threads; <see cref="BenchmarkSettings.Default"/> when null.</param>
    /// <returns>The best run of each figure, rounded to 0.1 GFLOP/s or GB/s.</returns>
    public static HostMeasurements Run(HostFacts facts, BenchmarkSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        settings ??= BenchmarkSettings.Default;
        var threads = Math.Max(1, settings.Threads ?? Environment.ProcessorCount);
        var compute = PeakMultiplyAdd.Measure(threads, settings);
        var memory = TriadBandwidth.Measure(threads, settings.BandwidthArrayBytes ?? DefaultArrayBytes(facts), settings.Repeats);
        return new HostMeasurements
        {
            Float32GflopsPerCore = Tidy(compute.SingleThread),
            Float32GflopsAllCores = Tidy(compute.AllThreads),
            BandwidthGBpsSingleCore = Tidy(memory.SingleThread),
            BandwidthGBpsAllCores = Tidy(memory.AllThreads),
            Threads = threads,
            ComputeMethod = compute.Method,
            BandwidthMethod = memory.Method,
        };
    }

    // Run-to-run noise is far above 0.1 GFLOP/s or GB/s; more digits would only suggest false precision.
    private static double Tidy(double figure) => Math.Round(figure, 1);

    // STREAM's rule: each array at least four times the largest cache, so no pass is served from cache.
    private static long DefaultArrayBytes(HostFacts facts)
    {
        var largestCache = facts.Caches.Select(cache => cache.SizeBytes).DefaultIfEmpty(0).Max();
        var bytes = Math.Max(MinimumArrayBytes, 4 * largestCache);
        return facts.MemoryBytes is { } memory ? Math.Min(bytes, Math.Max(memory / 16, 1L << 20)) : bytes;
    }
}
