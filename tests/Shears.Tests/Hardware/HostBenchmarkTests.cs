using Shears.Hardware.Host;

namespace Shears.Tests.Hardware;

/// <summary>Runs the real micro-benchmarks briefly. Speeds depend on the machine and its load, so only sanity is checked.</summary>
public class HostBenchmarkTests
{
    [Fact]
    public void Short_benchmark_run_gives_positive_finite_figures()
    {
        var settings = new BenchmarkSettings
        {
            ComputeRunTime = TimeSpan.FromMilliseconds(5),
            Repeats = 1,
            BandwidthArrayBytes = 1 << 20,
            Threads = 2,
        };

        var measured = HostBenchmark.Run(new HostFacts(), settings);

        Assert.All(
            [measured.Float32GflopsPerCore, measured.Float32GflopsAllCores, measured.BandwidthGBpsSingleCore, measured.BandwidthGBpsAllCores],
            figure => Assert.True(double.IsFinite(figure) && figure > 0, $"{figure}"));
        Assert.Equal(2, measured.Threads);
        Assert.Contains("multiply-add", measured.ComputeMethod, StringComparison.Ordinal);
        Assert.Contains("triad", measured.BandwidthMethod, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_split_work_into_contiguous_covering_slices()
    {
        var slices = Enumerable.Range(0, 3).Select(index => ParallelTiming.Slice(10, 3, index)).ToList();

        Assert.Equal([(0, 3), (3, 3), (6, 4)], slices);
    }
}
