using Shears.Hardware.Latency;

namespace Shears.Tests.Hardware.Latency;

public sealed class MeasurementTests
{
    private static readonly (string, string, string?)[] Nodes = [("a", "Conv", "a"), ("reorder", "ReorderOutput", null)];

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        double[] sorted = [1, 2, 3, 4, 5];
        Assert.Equal(3, MeasurementSummary.Percentile(sorted, 0.5));
        Assert.Equal(4.6, MeasurementSummary.Percentile(sorted, 0.9), 9);
        Assert.Equal(2.5, MeasurementSummary.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void The_headline_uses_thread_cpu_time_when_asked_and_known()
    {
        RunTiming[] timings = [new(10, 5), new(12, 6), new(30, 7)];
        var cpu = MeasurementSummary.Summarize(timings, [], [], new MeasurementOptions { Clock = TimingClock.ThreadCpu });
        Assert.Equal(TimingClock.ThreadCpu, cpu.Clock);
        Assert.Equal(6, cpu.MedianMs);
        Assert.Equal(12, cpu.WallMedianMs);
        var wall = MeasurementSummary.Summarize([new(10, null), new(12, null)], [], [], new MeasurementOptions { Clock = TimingClock.ThreadCpu });
        Assert.Equal(TimingClock.Wall, wall.Clock);
        Assert.Equal(11, wall.MedianMs);
        Assert.Null(wall.CpuMedianMs);
    }

    [Fact]
    public void Node_times_come_from_undisturbed_runs_when_there_are_enough()
    {
        // Runs 0 and 1 ran undisturbed; run 2 lost most of its time to other processes.
        RunTiming[] timings = [new(10, 9.8), new(10, 9.9), new(40, 10)];
        double[][] durations = [[8, 1], [8, 1], [35, 4]];
        var options = new MeasurementOptions { Clock = TimingClock.ThreadCpu, MinCleanRuns = 2 };
        var measurement = MeasurementSummary.Summarize(timings, Nodes, durations, options);
        Assert.Equal(2, measurement.UndisturbedRuns);
        Assert.Equal(8, measurement.Nodes[0].Ms);
        Assert.Equal(new Dictionary<string, double> { ["a"] = 8 }, measurement.LayerMs());
    }

    [Fact]
    public void Without_enough_undisturbed_runs_node_times_are_scaled_by_each_run_cpu_share()
    {
        RunTiming[] timings = [new(20, 10), new(40, 10), new(30, 10)];
        double[][] durations = [[16, 2], [32, 4], [24, 3]];
        var measurement = MeasurementSummary.Summarize(timings, Nodes, durations, new MeasurementOptions { Clock = TimingClock.ThreadCpu });
        Assert.Equal(0, measurement.UndisturbedRuns);
        Assert.Equal(8, measurement.Nodes[0].Ms, 9);
        Assert.Equal(1, measurement.Nodes[1].Ms, 9);
    }

    [Fact]
    public void The_sampler_warms_up_then_stops_at_its_limits()
    {
        var calls = 0;
        var timings = RunSampler.Sample(() => calls++, new MeasurementOptions { WarmupRuns = 2, MinRuns = 5, MaxRuns = 5, MinTime = TimeSpan.Zero, MinSampleTime = TimeSpan.Zero, PerNode = false });
        Assert.Equal(5, timings.Count);
        Assert.Equal(7, calls);
        Assert.All(timings, timing => Assert.True(timing.WallMs >= 0 && timing.Runs == 1));
    }

    [Fact]
    public void Runs_shorter_than_the_least_sample_time_are_timed_in_groups()
    {
        var calls = 0L;
        var options = new MeasurementOptions { WarmupRuns = 2, MinRuns = 4, MaxRuns = 4, MinTime = TimeSpan.Zero, MinSampleTime = TimeSpan.FromMilliseconds(1), PerNode = false };
        var timings = RunSampler.Sample(() => calls++, options);
        Assert.Equal(4, timings.Count);
        // An empty call takes nanoseconds, so a millisecond's group holds many of them, all counted.
        Assert.All(timings, timing => Assert.True(timing.Runs > 100, $"{timing.Runs} runs in a sample"));
        Assert.True(calls > 2 + timings.Sum(t => (long)t.Runs), $"{calls} calls: warm-up, the trial, then the samples");
        var measurement = MeasurementSummary.Summarize(timings, [], [], options);
        Assert.Equal(4, measurement.Samples);
        Assert.Equal(timings.Sum(t => t.Runs), measurement.Runs);
    }

    [Fact]
    public void A_negative_least_sample_time_is_refused()
    {
        var error = Assert.Throws<ShearsException>(() => new MeasurementOptions { MinSampleTime = TimeSpan.FromMilliseconds(-1) }.Validate());
        Assert.Contains("sample time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thread_cpu_time_advances_with_work_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(ThreadCpuTime.IsAvailable);
            return;
        }
        var start = ThreadCpuTime.NowNanoseconds();
        var sum = 0.0;
        for (var i = 0; i < 2_000_000; i++)
        {
            sum += Math.Sqrt(i);
        }
        Assert.True(sum > 0);
        Assert.True(ThreadCpuTime.NowNanoseconds() > start);
    }

    [Fact]
    public void Invalid_sampling_options_are_refused()
    {
        Assert.Throws<ShearsException>(() => new MeasurementOptions { MinRuns = 0 }.Validate());
        Assert.Throws<ShearsException>(() => new MeasurementOptions { MinRuns = 5, MaxRuns = 4 }.Validate());
        Assert.Throws<ShearsException>(() => new MeasurementOptions { CleanCpuShare = 0 }.Validate());
    }

    [Fact]
    public void Spearman_ranks_with_ties_averaged()
    {
        Assert.Equal(1, RankCorrelation.Spearman([1, 2, 3, 4], [10, 20, 30, 40]), 9);
        Assert.Equal(-1, RankCorrelation.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 9);
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.Ranks([5, 5, 7]));
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1], [1])));
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2], [1]));
    }
}
