using Shears.IR;
using Shears.IR.Inference;
using Shears.Models;
using Shears.Pruning;
using Shears.Strategy;
using Shears.Tests.Engine.Ops;

namespace Shears.Tests.Strategy;

public sealed class LatencyPlannerTests
{
    // The small models' fixed costs (run overhead, the input normalisation, 16-channel floors) put 0.5× out of reach on
    // the AVX-512 profile; the small ResNet's 16-channel groups are one vector there, so it is compared on the Arm profile
    // (multiples of 4), where uniform rounding and the knapsack's steps are the same.
    [Theory]
    [InlineData(Architecture.Cnn, "x86-avx512-server", 0.6)]
    [InlineData(Architecture.ResNet, "arm-neon-a76", 0.5)]
    public void MeetsAPredictedLatencyBudgetAndKeepsMoreImportanceThanUniform(Architecture architecture, string target, double fraction)
    {
        var model = PlannerFixtures.Built(architecture);
        AssertBeatsUniform(model, PruningBudget.Latency(fraction), target);
    }

    [SkippableTheory]
    [InlineData("resnet18")]
    public void MeetsAPredictedLatencyBudgetOnResnet18AndKeepsMoreImportanceThanUniform(string name) =>
        AssertBeatsUniform(PlannerFixtures.Torchvision(name), PruningBudget.Latency(0.5), "x86-avx512-server");

    [Fact]
    public void KeptCountsFollowTheTargetsChannelMultiple()
    {
        var result = new LatencyPlanner().Plan(PlannerFixtures.Request(PlannerFixtures.Built(Architecture.Cnn), "x86-avx512-server", PruningBudget.Latency(0.6)));
        Assert.True(result.Met);
        Assert.Contains(result.Decisions, d => d.UnitsAfter < d.UnitsBefore);
        Assert.All(result.Decisions, d => Assert.True(d.UnitsAfter == d.UnitsBefore || d.UnitsAfter % 16 == 0, $"{d.Group}: {d.UnitsAfter}"));
        Assert.All(result.Decisions.Where(d => d.UnitsAfter < d.UnitsBefore), d => Assert.Contains("multiples of 16", d.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void MeetsMacsBudgetsByChannels()
    {
        var model = PlannerFixtures.Built(Architecture.Cnn);
        var result = new LatencyPlanner().Plan(PlannerFixtures.Request(model, "host", PruningBudget.Macs(0.5)));
        Assert.True(result.Met);
        Assert.True(result.Cost.Macs <= result.Reference.Macs * 0.5);
        Assert.All(result.Plan.Groups, g => Assert.Equal(PruningGranularity.Channel, g.Granularity));
    }

    [Fact]
    public void AParameterBudgetIsMetWithUnstructuredZeros()
    {
        var model = PlannerFixtures.Built(Architecture.Mlp);
        var result = new LatencyPlanner().Plan(PlannerFixtures.Request(model, "host", PruningBudget.Parameters(0.1)));
        Assert.True(result.Met);
        Assert.All(result.Plan.Groups, g => Assert.Equal(PruningGranularity.Unstructured, g.Granularity));
        Assert.True(result.Cost.Parameters <= result.Reference.Parameters * 0.1);
    }

    [Fact]
    public void AnUnreachableBudgetGivesTheClosestPlanNotMet()
    {
        var model = PlannerFixtures.Built(Architecture.Cnn);
        var result = new LatencyPlanner().Plan(PlannerFixtures.Request(model, "x86-avx512-server", PruningBudget.Latency(0.01)));
        Assert.False(result.Met);
        Assert.True(result.Cost.LatencyAt(1) < result.Reference.LatencyAt(1));
        Assert.False(result.Plan.RemovesNothing);
    }

    [SkippableTheory]
    [InlineData("resnet")]
    [InlineData("resnet18")]
    public void ResidualCoupledChannelsArePrunedTogether(string name)
    {
        var model = name == "resnet" ? PlannerFixtures.Built(Architecture.ResNet) : PlannerFixtures.Torchvision(name);
        var result = new LatencyPlanner().Plan(PlannerFixtures.Request(model, "x86-avx512-server", PruningBudget.Latency(0.7)));
        Assert.True(result.Met);
        var importance = GroupImportance.Of(model, new PruningOptions());
        // A residual group holds every layer whose outputs one chain of Adds sums: several producers, one decision.
        var residual = importance.Groups.Where(g => g.Layers.Count(l => model.Graph.Nodes.Any(n => n.DisplayName == l && n.OpType == "Conv")) > 2
            && g.Values.Any(v => model.Graph.Nodes.Any(n => n.OpType == "Add" && n.Outputs.Contains(v)))).ToList();
        Assert.NotEmpty(residual);
        Assert.All(residual, g => Assert.Single(result.Plan.Groups, p => p.Key == g.Key));
        var pruned = Pruner.Apply(model, result.Plan);
        var shapes = ShapeInference.Infer(pruned);
        foreach (var add in pruned.Graph.Nodes.Where(n => n.OpType == "Add"))
        {
            var widths = add.Inputs.Select(i => shapes.ShapeOf(i)).Where(s => s is { Rank: 4 }).Select(s => s!.ToArray()[1]).Distinct().ToList();
            Assert.True(widths.Count <= 1, $"{add.DisplayName} adds {string.Join(" and ", widths)} channels");
        }
    }

    private static void AssertBeatsUniform(Model model, PruningBudget budget, string target)
    {
        var request = PlannerFixtures.Request(model, target, budget);
        var latency = new LatencyPlanner().Plan(request);
        var uniform = new UniformPlanner().Plan(request);
        Assert.True(latency.Met);
        Assert.True(uniform.Met);
        Assert.True(latency.Cost.LatencyAt(1) <= budget.LimitFor(latency.Reference.LatencyAt(1)) + 1e-9);
        var importance = GroupImportance.Of(model, new PruningOptions());
        var keptLatency = importance.KeptFraction(latency.Plan);
        var keptUniform = importance.KeptFraction(uniform.Plan);
        Console.WriteLine($"{model.Graph.Name}: latency planner {latency.Cost.LatencyAt(1) / latency.Reference.LatencyAt(1):0.000}x keeps {keptLatency:P2}, uniform {uniform.Cost.LatencyAt(1) / uniform.Reference.LatencyAt(1):0.000}x keeps {keptUniform:P2}");
        // Uniform may land below the budget; the latency planner must keep more importance at no more predicted latency than the budget allows.
        Assert.True(keptLatency > keptUniform, $"latency planner kept {keptLatency:P2}, uniform {keptUniform:P2}");
    }
}
