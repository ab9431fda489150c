using Shears.Evaluation;

namespace Shears.Tests.Evaluation;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Odd_count_median_is_the_middle_sample_whatever_the_order()
    {
        var summary = LatencySummary.FromSamples(4, [5.0, 1.0, 3.0]);
        Assert.Equal(4, summary.Batch);
        Assert.Equal(3, summary.Runs);
        Assert.Equal(3.0, summary.MedianMs);
        Assert.Equal(1.0, summary.MinMs);
        // Position 0.9·2 = 1.8: 3 + 0.8·(5 − 3).
        Assert.Equal(4.6, summary.P90Ms, 12);
    }

    [Fact]
    public void Even_count_median_lies_halfway_between_the_middle_two()
    {
        var summary = LatencySummary.FromSamples(1, [4.0, 1.0, 3.0, 2.0]);
        Assert.Equal(2.5, summary.MedianMs, 12);
        Assert.Equal(1.0, summary.MinMs);
        Assert.Equal(4, summary.Runs);
    }

    [Theory]
    // 1..11: position 0.9·10 = 9 falls on a sample.
    [InlineData(11, 10.0)]
    // 1..10: position 0.9·9 = 8.1, a tenth of the way from 9 to 10.
    [InlineData(10, 9.1)]
    public void P90_interpolates_between_closest_ranks(int count, double p90)
    {
        var samples = Enumerable.Range(1, count).Select(i => (double)i).Reverse().ToArray();
        Assert.Equal(p90, LatencySummary.FromSamples(1, samples).P90Ms, 12);
    }

    [Fact]
    public void One_sample_is_every_figure()
    {
        var summary = LatencySummary.FromSamples(128, [0.25]);
        Assert.Equal(new LatencySummary(128, 1, 0.25, 0.25, 0.25), summary);
    }

    [Fact]
    public void Percentile_ends_are_the_extremes()
    {
        double[] sorted = [1, 2, 4, 8];
        Assert.Equal(1, LatencySummary.Percentile(sorted, 0));
        Assert.Equal(8, LatencySummary.Percentile(sorted, 1));
        Assert.Equal(3, LatencySummary.Percentile(sorted, 0.5));
    }

    [Fact]
    public void No_samples_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => LatencySummary.FromSamples(1, []));
        Assert.Equal("milliseconds", error.ParamName);
        Assert.Contains("no timings", error.Message, StringComparison.Ordinal);
    }
}
