using Shears.Hardware.Latency;

namespace Shears.Tests.Hardware.Latency;

public sealed class LatencyCliffsTests
{
    private static LatencyCurve Curve(Func<int, double> latency, int full = 128) =>
        new(ChannelSweep.For(full, 16).Select(c => new LatencyPoint(c, latency(c))), 16);

    [Fact]
    public void A_staircase_has_a_cliff_one_channel_past_every_block()
    {
        var cliffs = LatencyCliffs.Find(Curve(c => (c + 15) / 16));
        Assert.Equal([17, 33, 49, 65, 81, 97, 113], cliffs.Select(cliff => cliff.Channels));
        Assert.Equal(1.0, cliffs[0].Jump, 6);
    }

    [Fact]
    public void Steady_growth_has_no_cliffs_even_at_small_counts()
    {
        Assert.Empty(LatencyCliffs.Find(Curve(c => 0.01 * c)));
    }

    [Fact]
    public void Small_jumps_below_the_threshold_are_not_cliffs()
    {
        // 1% more per block on top of steady growth.
        Assert.Empty(LatencyCliffs.Find(Curve(c => c + (0.01 * ((c + 15) / 16)))));
    }

    [Fact]
    public void Best_multiple_of_a_staircase_is_its_block()
    {
        Assert.Equal(16, LatencyCliffs.BestMultiple(Curve(c => (c + 15) / 16)));
    }

    [Fact]
    public void Best_multiple_of_steady_growth_is_one()
    {
        Assert.Equal(1, LatencyCliffs.BestMultiple(Curve(c => 0.01 * c)));
    }

    [Fact]
    public void Best_multiple_avoids_a_ragged_slow_path()
    {
        // Multiples of 16 are fast; every other count runs three times slower per channel.
        Assert.Equal(16, LatencyCliffs.BestMultiple(Curve(c => c % 16 == 0 ? c : 3.0 * c)));
    }
}
