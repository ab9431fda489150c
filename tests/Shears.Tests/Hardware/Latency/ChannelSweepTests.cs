using Shears.Hardware.Latency;

namespace Shears.Tests.Hardware.Latency;

public sealed class ChannelSweepTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(512)]
    [InlineData(1280)]
    public void Sweeps_cover_the_full_count_block_multiples_and_every_alignment(int full)
    {
        var counts = ChannelSweep.For(full, 16);
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(counts.Count, counts.Distinct().Count());
        Assert.All(counts, c => Assert.InRange(c, 1, full));
        Assert.Contains(full, counts);
        Assert.Contains(16, counts);
        Assert.InRange(counts.Count(c => c % 16 == 0), 2, ChannelSweep.BasePoints + 2);
        foreach (var alignment in new[] { 1, 2, 4, 8 })
        {
            Assert.Contains(counts, c => ChannelAlignment.Of(c, 16) == alignment);
        }
        Assert.True(counts.Count(c => c % 2 == 1) >= 3, "odd counts above and below a multiple tell a staircase from a ragged path");
    }

    [Fact]
    public void Fewer_channels_than_a_block_are_all_measured()
    {
        Assert.Equal([1, 2, 3, 4, 5], ChannelSweep.For(5, 16));
    }

    [Theory]
    [InlineData(48, 16, 16)]
    [InlineData(40, 16, 8)]
    [InlineData(12, 16, 4)]
    [InlineData(7, 16, 1)]
    [InlineData(64, 8, 8)]
    public void Alignment_is_the_largest_power_of_two_dividing_the_count_up_to_the_block(int channels, int block, int expected)
    {
        Assert.Equal(expected, ChannelAlignment.Of(channels, block));
    }
}
