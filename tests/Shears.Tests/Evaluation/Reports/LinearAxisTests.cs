using Shears.Evaluation.Reports.Charts;

namespace Shears.Tests.Evaluation.Reports;

public sealed class LinearAxisTests
{
    [Theory]
    [InlineData(0.013, 0.041, false, 0.01, 0.045, 0.005)]
    [InlineData(3, 128, true, 0, 140, 20)]
    [InlineData(88.4, 91.8, false, 88, 92, 0.5)]
    [InlineData(610_000, 2_800_000, true, 0, 3_000_000, 500_000)]
    public void Ticks_are_round_and_cover_the_values(double low, double high, bool fromZero, double min, double max, double step)
    {
        var axis = LinearAxis.Covering([low, high], fromZero);

        Assert.Equal(min, axis.Min, 9);
        Assert.Equal(max, axis.Max, 9);
        Assert.Equal(step, axis.Step, 9);
        Assert.True(axis.Min <= low && axis.Max >= high);
    }

    [Fact]
    public void A_single_value_gets_room_on_both_sides()
    {
        var axis = LinearAxis.Covering([0.9065], fromZero: false);

        Assert.True(axis.Min < 0.9065 && axis.Max > 0.9065);
        Assert.True(axis.Ticks.Count() >= 3);
    }

    [Fact]
    public void Labels_carry_the_decimals_the_step_needs()
    {
        var axis = LinearAxis.Covering([0.013, 0.041], fromZero: false);

        Assert.Equal(["0.010", "0.015", "0.020", "0.025", "0.030", "0.035", "0.040", "0.045"], axis.Ticks.Select(axis.Label));
        Assert.Equal("2M", LinearAxis.Covering([0, 2_800_000], true).Label(2_000_000));
    }

    [Fact]
    public void Values_map_linearly_onto_pixels()
    {
        var axis = LinearAxis.Covering([0, 100], fromZero: true);

        Assert.Equal(300, axis.Map(0, 300, 100), 9);
        Assert.Equal(200, axis.Map(50, 300, 100), 9);
    }

    [Fact]
    public void A_margin_keeps_the_extremes_off_the_edges()
    {
        var tight = LinearAxis.Covering([0.010, 0.040], fromZero: false);
        var padded = LinearAxis.Covering([0.010, 0.040], fromZero: false, margin: 0.06);

        Assert.Equal((0.010, 0.040), (tight.Min, tight.Max));
        Assert.True(padded.Min < 0.010 && padded.Max > 0.040, $"{padded.Min}..{padded.Max}");
    }
}
