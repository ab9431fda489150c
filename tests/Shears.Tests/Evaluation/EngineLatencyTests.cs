using Shears.Evaluation;

namespace Shears.Tests.Evaluation;

/// <summary>The engine latency loop's contract: run counts, batch, and well-ordered positive figures.</summary>
public sealed class EngineLatencyTests
{
    private static readonly int[] SampleShape = [EvaluationModels.Classes];

    [Fact]
    public void With_no_minimum_time_it_times_exactly_the_minimum_runs()
    {
        var summary = EngineLatency.Measure(EvaluationModels.Identity(), SampleShape, batch: 2, warmup: 1, minRuns: 5, minSeconds: 0);
        Assert.Equal(5, summary.Runs);
        Assert.Equal(2, summary.Batch);
        Assert.True(summary.MinMs > 0, $"min {summary.MinMs} ms");
        Assert.True(summary.MinMs <= summary.MedianMs && summary.MedianMs <= summary.P90Ms, $"min {summary.MinMs}, median {summary.MedianMs}, p90 {summary.P90Ms}");
    }

    [Fact]
    public void The_run_cap_wins_over_the_minimum()
    {
        var summary = EngineLatency.Measure(EvaluationModels.Identity(), SampleShape, batch: 1, warmup: 0, minRuns: 50, minSeconds: 0, maxRuns: 7);
        Assert.Equal(7, summary.Runs);
    }

    [Fact]
    public void A_minimum_time_keeps_it_running_past_the_minimum_runs()
    {
        // A forward pass of this model takes microseconds, so 0.1 s holds many of them.
        var summary = EngineLatency.Measure(EvaluationModels.Identity(), SampleShape, batch: 1, warmup: 0, minRuns: 1, minSeconds: 0.1, maxRuns: 100_000);
        Assert.True(summary.Runs > 1, $"{summary.Runs} runs");
    }

    [Fact]
    public void Data_of_the_wrong_size_is_refused()
    {
        var error = Assert.Throws<ShearsException>(() => EngineLatency.Measure(Shears.Models.ModelZoo.Build(Shears.Models.Architecture.Mlp), [5], batch: 1));
        Assert.Contains("[1×28×28]", error.Message, StringComparison.Ordinal);
    }
}
