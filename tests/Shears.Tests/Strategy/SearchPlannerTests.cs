using Shears.Models;
using Shears.Pruning;
using Shears.Strategy;
using Shears.Tests.Data;

namespace Shears.Tests.Strategy;

[Collection(TrainedClassifiersCollection.Name)]
public sealed class SearchPlannerTests(TrainedClassifiers data)
{
    private static readonly SearchPlannerOptions Quick = new() { Steps = 4, ProxySteps = 20, ValidationSamples = 500 };

    [FashionMnistFact]
    public void Meets_a_macs_budget_with_a_plan_for_the_original_model_and_a_correct_pareto_front()
    {
        var request = PlannerRequests.Macs(data.Cnn, 0.3, data);
        var reports = new ProgressLog();
        var result = new SearchPlanner(Quick).Plan(request, reports);
        Assert.True(result.Met, string.Join("; ", result.Plan.Notes));
        Assert.Equal(result.Candidates.Count - 1, reports.Reports.Count);
        Assert.True(result.Cost.Macs <= 0.3 * result.Reference.Macs);

        // The plan is for the original model: it applies to it and gives the cost the search reported.
        var pruned = Pruner.Apply(data.Cnn, result.Plan);
        Assert.Equal(result.Cost.Macs, request.Costs.Measure(pruned).Macs);
        Assert.All(result.Plan.ChannelGroups, g => Assert.Equal(0, g.Kept!.Count % 8));
        var json = PlanJson.Serialize(result.Plan);
        var again = Pruner.Apply(data.Cnn, PlanJson.Deserialize(json));
        Assert.All(pruned.Graph.Initializers, p => Assert.True(p.Value.Dims.SequenceEqual(again.Graph.Initializers[p.Key].Dims), p.Key));

        // Every candidate is on the front exactly when no other beats it on both cost and accuracy.
        var candidates = result.Candidates;
        Assert.True(candidates.Count >= 3, $"{candidates.Count} candidates");
        Assert.Equal("start", candidates[0].Label);
        foreach (var c in candidates)
        {
            var dominated = candidates.Any(o => o.Cost <= c.Cost && o.Accuracy >= c.Accuracy && (o.Cost < c.Cost || o.Accuracy > c.Accuracy));
            Assert.Equal(!dominated, c.OnFront);
        }
        Assert.Contains(candidates, c => !c.OnFront);
        Assert.All(result.Decisions, d => Assert.Equal(result.Plan.ChannelGroups.Single(g => g.Key == d.Group).Kept!.Count, d.UnitsAfter));
    }

    [FashionMnistFact]
    public void The_same_seed_gives_the_same_search()
    {
        var request = PlannerRequests.Macs(data.Mlp, 0.3, data);
        var first = new SearchPlanner(Quick).Plan(request);
        var second = new SearchPlanner(Quick).Plan(request);
        Assert.Equal(PlanJson.Serialize(first.Plan), PlanJson.Serialize(second.Plan));
        Assert.Equal(first.Candidates, second.Candidates);
        Assert.True(first.Met);
    }

    [Fact]
    public void A_cancelled_search_stops()
    {
        var request = PlannerRequests.Macs(ModelZoo.Build(Architecture.Mlp), 0.5, PlannerRequests.Blank, PlannerRequests.Blank);
        Assert.ThrowsAny<OperationCanceledException>(() => new SearchPlanner(Quick).Plan(request, cancellation: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Without_validation_or_training_data_it_says_so()
    {
        var request = PlannerRequests.Macs(ModelZoo.Build(Architecture.Mlp), 0.5, PlannerRequests.Blank, PlannerRequests.Blank);
        var noValidation = Assert.Throws<InvalidOptionException>(() => new SearchPlanner().Plan(request with { Validation = null }));
        Assert.Contains("held-out training data", noValidation.Message, StringComparison.Ordinal);
        var noTrain = Assert.Throws<InvalidOptionException>(() => new SearchPlanner().Plan(request with { Train = null, Validation = PlannerRequests.Blank }));
        Assert.Contains(nameof(PlanningRequest.Train), noTrain.Options);
        Assert.Throws<InvalidOptionException>(() => new SearchPlanner(new SearchPlannerOptions { ProxySteps = -1 }));
    }
}
