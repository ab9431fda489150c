using Shears.Models;
using Shears.Pruning;
using Shears.Strategy;
using Shears.Tests.Data;

namespace Shears.Tests.Strategy;

[Collection(TrainedClassifiersCollection.Name)]
public sealed class SensitivityPlannerTests(TrainedClassifiers data)
{
    [FashionMnistFact]
    public void Meets_a_macs_budget_with_ratios_that_follow_the_measured_sensitivity()
    {
        var request = PlannerRequests.Macs(data.Cnn, 0.4, data);
        var result = new SensitivityPlanner().Plan(request);
        Assert.True(result.Met);
        var pruned = Pruner.Apply(data.Cnn, result.Plan);
        var cost = request.Costs.Measure(pruned);
        Assert.Equal(result.Cost, cost with { Latency = result.Cost.Latency });
        Assert.True(cost.Macs <= 0.4 * result.Reference.Macs, $"{cost.Macs} MACs against a limit of {0.4 * result.Reference.Macs}");
        var amounts = result.Plan.ChannelGroups.ToDictionary(g => g.Key, g => g.Amount);
        Assert.True(amounts.Values.Distinct().Count() > 1, $"uniform amounts {string.Join(", ", amounts.Values)}");
        Assert.All(result.Plan.ChannelGroups, g => Assert.Equal(0, g.Kept!.Count % 8));

        // A group stops where its next scanned ratio costs more accuracy than any group's chosen ratio did.
        var curves = SensitivityPlanner.Scan(request);
        var chosen = new Dictionary<string, double>();
        var rejected = new Dictionary<string, double>();
        foreach (var curve in curves)
        {
            var removed = result.Plan.ChannelGroups.Single(g => g.Key == curve.Group).Removed.Count;
            var envelope = curve.Envelope();
            var index = curve.Points.ToList().FindIndex(p => p.Removed == removed);
            chosen[curve.Group] = index < 0 ? double.NegativeInfinity : envelope[index];
            rejected[curve.Group] = index + 1 < envelope.Count ? envelope[index + 1] : double.PositiveInfinity;
            Assert.True(index >= 0 || removed == 0, $"{curve.Group} removed {removed}, not a scanned amount");
        }
        Assert.True(chosen.Values.Max() < rejected.Values.Min(), $"chosen drops {string.Join(", ", chosen)}; rejected {string.Join(", ", rejected)}");
        Assert.All(result.Decisions, d => Assert.StartsWith("ratio ", d.Reason, StringComparison.Ordinal));
        Assert.Contains(result.Decisions, d => d.Reason.Contains("validation accuracy fell", StringComparison.Ordinal));
    }

    [FashionMnistFact]
    public void A_budget_the_dense_model_meets_prunes_nothing()
    {
        var result = new SensitivityPlanner().Plan(PlannerRequests.Macs(data.Mlp, 1, data));
        Assert.True(result.Met);
        Assert.True(result.Plan.RemovesNothing);
    }

    [Fact]
    public void A_cancelled_scan_stops()
    {
        var request = PlannerRequests.Macs(ModelZoo.Build(Architecture.Mlp), 0.5, PlannerRequests.Blank, PlannerRequests.Blank);
        Assert.ThrowsAny<OperationCanceledException>(() => new SensitivityPlanner().Plan(request, cancellation: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Without_validation_data_it_says_so()
    {
        var request = PlannerRequests.Macs(ModelZoo.Build(Architecture.Mlp), 0.5, PlannerRequests.Blank, null);
        var error = Assert.Throws<InvalidOptionException>(() => new SensitivityPlanner().Plan(request));
        Assert.Contains("held-out training data", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(PlanningRequest.Validation), error.Options);
    }
}
