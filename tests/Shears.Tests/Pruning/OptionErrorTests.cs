using Shears.Pruning;
using Shears.Pruning.Importance;

namespace Shears.Tests.Pruning;

public sealed class OptionErrorTests
{
    [Theory]
    [InlineData(1.5, "Ratio must be in [0, 1), got 1.5")]
    [InlineData(-0.1, "Ratio must be in [0, 1), got -0.1")]
    public void Library_errors_name_options_and_values_not_flags(double ratio, string expected)
    {
        var error = Assert.Throws<InvalidOptionException>(() => new PruningOptions { Ratio = ratio }.Validate());
        Assert.Equal(expected, error.Message);
        Assert.Equal(["Ratio"], error.Options);
        Assert.Equal(expected.Replace("Ratio", "--ratio", StringComparison.Ordinal), error.MessageWith(o => "--" + o.ToLowerInvariant()));
    }

    [Fact]
    public void No_library_option_error_mentions_a_command_line_flag()
    {
        PruningOptions[] impossible =
        [
            new() { Ratio = 2 },
            new() { Ratio = 0.5, RoundTo = 0 },
            new() { Granularity = PruningGranularity.Unstructured },
            new() { Granularity = PruningGranularity.Unstructured, Threshold = -1 },
            new() { Granularity = PruningGranularity.NM },
            new() { Granularity = PruningGranularity.NM, N = 4, M = 4 },
            new() { Granularity = PruningGranularity.Block },
            new() { Granularity = PruningGranularity.Block, Ratio = 0.5, BlockRows = 1, BlockColumns = 1 },
            new() { Granularity = PruningGranularity.Channel },
            new() { Ratio = 0.5, N = 2 },
            new() { Granularity = PruningGranularity.NM, N = 2, M = 4, Criterion = ImportanceCriterion.BatchNorm },
            new() { Granularity = PruningGranularity.NM, N = 2, M = 4, Mode = Shears.Pruning.Structured.StructuredMode.Remove },
        ];
        Assert.All(impossible, options =>
        {
            var error = Assert.ThrowsAny<ShearsException>(options.Validate);
            Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
        });
    }
}
