using Shears.IR;
using Shears.Models;
using Shears.Pruning;
using Shears.Strategy;
using Shears.Tests.Engine.Ops;

namespace Shears.Tests.Strategy;

/// <summary>Issue 13 item 9: a non-host profile changes the plan the way its characteristics say, and the decisions say why.</summary>
public sealed class TargetPlanTests
{
    [SkippableTheory]
    [InlineData("mlp", 0.6)]
    [InlineData("cnn", 0.6)]
    [InlineData("resnet18", 0.5)]
    public void TheSystolicArrayKeepsArraySizedTiles(string name, double fraction)
    {
        var result = Plan(name, "systolic-array", fraction);
        Assert.Contains(result.Decisions, d => d.UnitsAfter < d.UnitsBefore);
        Assert.All(result.Decisions, d => Assert.True(d.UnitsAfter == d.UnitsBefore || d.UnitsAfter % 32 == 0, $"{d.Group}: kept {d.UnitsAfter}"));
        Assert.All(result.Decisions, d => Assert.Contains("32×32 systolic array", d.Reason, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("cnn", 0.6)]
    [InlineData("resnet18", 0.5)]
    public void TheArmProfileKeepsMultiplesOfItsVector(string name, double fraction)
    {
        var result = Plan(name, "arm-neon-a76", fraction);
        Assert.True(result.Met);
        Assert.All(result.Plan.Groups, g => Assert.Equal(PruningGranularity.Channel, g.Granularity));
        var cut = result.Decisions.Where(d => d.UnitsAfter < d.UnitsBefore).ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, d => Assert.Equal(0, d.UnitsAfter % 4));
        // Finer steps than the AVX-512 server's: some kept count is not a multiple of 16.
        var server = Plan(name, "x86-avx512-server", fraction);
        Assert.All(server.Decisions.Where(d => d.UnitsAfter < d.UnitsBefore), d => Assert.Equal(0, d.UnitsAfter % 16));
        Assert.Contains(result.Decisions, d => d.UnitsAfter % 16 != 0);
        Assert.Contains("multiples of 4", cut[0].Reason, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("cnn")]
    [InlineData("resnet18")]
    public void TheGpuGetsTwoOfFourSparsityOnItsSparseTensorCores(string name)
    {
        var result = Plan(name, "nvidia-ampere-a100", 0.9);
        var masks = result.Plan.WeightMasks.ToList();
        Assert.NotEmpty(masks);
        Assert.All(masks, m => Assert.Equal((PruningGranularity.NM, 2, 4), (m.Granularity, m.N ?? 0, m.M ?? 0)));
        Assert.All(result.Decisions.Where(d => d.Granularity == PruningGranularity.NM), d => Assert.Contains("2:4", d.Reason, StringComparison.Ordinal));
        // The CPU profiles never get masks for a latency budget: their runtimes have no sparse kernels.
        Assert.Empty(Plan(name, "x86-avx512-server", 0.9).Plan.WeightMasks);
    }

    private static PlannerResult Plan(string name, string target, double fraction)
    {
        Model model = name switch
        {
            "mlp" => PlannerFixtures.Built(Architecture.Mlp),
            "cnn" => PlannerFixtures.Built(Architecture.Cnn),
            _ => PlannerFixtures.Torchvision(name),
        };
        return new LatencyPlanner().Plan(PlannerFixtures.Request(model, target, PruningBudget.Latency(fraction)));
    }
}
