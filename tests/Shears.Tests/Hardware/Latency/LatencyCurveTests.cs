using Shears.Hardware.Latency;

namespace Shears.Tests.Hardware.Latency;

public sealed class LatencyCurveTests
{
    private const int Block = 16;

    // A kernel that pads every count to whole blocks: one step per 16 channels.
    private static double Staircase(int channels) => (channels + Block - 1) / Block;

    private static LatencyCurve Measure(Func<int, double> latency, int full = 128) =>
        new(ChannelSweep.For(full, Block).Select(c => new LatencyPoint(c, latency(c))), Block);

    [Fact]
    public void Measured_points_are_returned_exactly()
    {
        var curve = Measure(Staircase);
        foreach (var point in curve.Points)
        {
            Assert.Equal(point.Ms, curve.At(point.Channels), 9);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(63)]
    [InlineData(100)]
    [InlineData(127)]
    public void A_padded_staircase_is_recognised_between_the_measured_points(int channels)
    {
        Assert.Equal(Staircase(channels), Measure(Staircase).At(channels), 6);
    }

    [Fact]
    public void A_ragged_slow_path_for_unaligned_counts_is_read_from_its_own_points()
    {
        // Aligned counts (multiples of 8) pad to 16; the rest run a path costing 0.1 per channel.
        static double Ragged(int c) => c % 8 == 0 ? Staircase(c) : 0.1 * c;
        var curve = Measure(Ragged);
        Assert.False(curve.IsPadded(1));
        Assert.True(curve.IsPadded(8));
        foreach (var channels in new[] { 21, 45, 77, 99, 121 })
        {
            Assert.Equal(Ragged(channels), curve.At(channels), 6);
        }
        Assert.Equal(Ragged(40), curve.At(40), 6);
    }

    [Fact]
    public void Steady_growth_is_interpolated_and_extrapolated_in_proportion()
    {
        var curve = new LatencyCurve([new LatencyPoint(32, 2), new LatencyPoint(64, 4)], Block);
        Assert.Equal(3, curve.At(48), 9);
        Assert.Equal(1, curve.At(16), 9);
        Assert.Equal(8, curve.At(128), 9);
    }

    [Fact]
    public void A_noisy_dip_in_the_block_multiples_is_smoothed_away()
    {
        var curve = new LatencyCurve([new LatencyPoint(16, 1), new LatencyPoint(32, 2.2), new LatencyPoint(48, 1.8), new LatencyPoint(64, 4)], Block);
        Assert.True(curve.At(48) >= curve.At(32));
    }

    [Fact]
    public void Fewer_channels_than_a_block_read_every_count_from_its_points()
    {
        var curve = new LatencyCurve(ChannelSweep.For(6, Block).Select(c => new LatencyPoint(c, c * c)), Block);
        Assert.Equal(1, curve.Block);
        Assert.Equal(25, curve.At(5), 9);
    }

    [Fact]
    public void Empty_or_invalid_points_are_rejected()
    {
        Assert.Throws<ShearsException>(() => new LatencyCurve([], Block));
        Assert.Throws<ShearsException>(() => new LatencyCurve([new LatencyPoint(0, 1)], Block));
        Assert.Throws<ShearsException>(() => new LatencyCurve([new LatencyPoint(4, double.NaN)], Block));
    }
}
