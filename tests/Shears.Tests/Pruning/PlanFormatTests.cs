using System.Globalization;
using Shears.Models;
using Shears.Onnx;
using Shears.Pruning;
using Shears.Tests.Models;

namespace Shears.Tests.Pruning;

public sealed class PlanFormatTests
{
    private static readonly float[] Batch = [.. Enumerable.Range(0, 2 * 784).Select(i => MathF.Cos(i * 0.21f))];

    private static string Ints(IEnumerable<int> values) => string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public void A_plan_round_trips_through_json_with_its_version_and_one_nm_spelling()
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 2);
        var plan = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.NM, N = 2, M = 4 });
        var json = PlanJson.Serialize(plan);
        Assert.Contains("\"version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"granularity\": \"n:m\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"nm\"", json, StringComparison.Ordinal);
        var read = PlanJson.Deserialize(json);
        Assert.Equal(plan.Groups, read.Groups);
        Assert.Equal(OnnxWriter.ToBytes(Pruner.Apply(model, plan)), OnnxWriter.ToBytes(Pruner.Apply(model, read)));
        Assert.All(read.Groups, g => Assert.Equal((2, 4), (g.N!.Value, g.M!.Value)));
        // A reduction axis shorter than M (conv1 reads one channel) has no full run of 4 to thin.
        Assert.Contains(read.Groups, g => Math.Round(g.Amount, 2) == 0.5);
    }

    [Fact]
    public void A_format_1_channel_plan_still_loads_and_applies_identically()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 7);
        var current = Pruner.Plan(model, new PruningOptions { Ratio = 0.25 });
        var group = Assert.Single(current.ChannelGroups);
        var v1 = $$"""
            {
              "format": "shears.pruning-plan/1",
              "modelFingerprint": "{{current.ModelFingerprint}}",
              "granularity": "channel",
              "criterion": "l1",
              "scope": "local",
              "ratio": 0.25,
              "roundTo": 1,
              "mode": "remove",
              "ignore": [],
              "groups": [ { "key": "{{group.Key}}", "kind": "channels", "units": {{group.Units}}, "removed": [{{Ints(group.Removed)}}], "channels": 1 } ],
              "weights": [],
              "removedBranches": [],
              "notes": []
            }
            """;
        var legacy = PlanJson.Deserialize(v1);
        Assert.Equal(PruningPlan.CurrentVersion, legacy.Version);
        Assert.Equal(group.Kept, Assert.Single(legacy.ChannelGroups).Kept);
        Assert.Equal(OnnxWriter.ToBytes(Pruner.Apply(model, current)), OnnxWriter.ToBytes(Pruner.Apply(model, legacy)));
    }

    [Fact]
    public void A_format_1_nm_plan_with_its_old_spelling_still_applies_identically()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 8);
        var current = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.NM, N = 1, M = 4 });
        var weights = string.Join(", ", current.WeightMasks.Select(w => $$"""{ "initializer": "{{w.Key}}", "count": {{w.Units}}, "pruned": {{w.Pruned}}, "mask": "{{w.Mask}}" }"""));
        var v1 = $$"""
            { "format": "shears.pruning-plan/1", "modelFingerprint": "{{current.ModelFingerprint}}", "granularity": "nm", "criterion": "l1",
              "n": 1, "m": 4, "mode": "mask", "weights": [{{weights}}] }
            """;
        var legacy = PlanJson.Deserialize(v1);
        Assert.All(legacy.WeightMasks, w => Assert.Equal(PruningGranularity.NM, w.Granularity));
        Assert.Equal(OnnxWriter.ToBytes(Pruner.Apply(model, current)), OnnxWriter.ToBytes(Pruner.Apply(model, legacy)));
    }

    [Fact]
    public void A_mixed_plan_applies_masks_and_channel_cuts_in_one_pass()
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 9);
        var channels = Pruner.Plan(model, new PruningOptions { Ratio = 0.5 });
        var nm = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.NM, N = 2, M = 4 });
        var mixed = PruningPlan.Combine([channels, nm]);
        Assert.Null(mixed.Recipe);
        Assert.Contains(mixed.Groups, g => g.Granularity == PruningGranularity.Channel);
        Assert.Contains(mixed.Groups, g => g.Granularity == PruningGranularity.NM);
        var once = Pruner.Apply(model, PlanJson.Deserialize(PlanJson.Serialize(mixed)));
        // The masks name the original shapes, so one pass equals masking first and cutting channels after.
        var stepwise = Pruner.Apply(Pruner.Apply(model, nm), channels);
        Assert.Equal(OnnxWriter.ToBytes(stepwise), OnnxWriter.ToBytes(once));
        Assert.Equal([2L, 10L], OrtHarness.Run(once, Batch, [2, 1, 28, 28]).Shape);
    }

    [Fact]
    public void Each_group_keeps_its_own_amount_and_granularity()
    {
        var model = ModelZoo.Build(Architecture.Vit, seed: 10);
        var uniform = Pruner.Plan(model, new PruningOptions { Ratio = 0.5 });
        Assert.True(uniform.ChannelGroups.Count() >= 2);
        // A planner's choice: the first group keeps everything, the others lose their first quarter.
        var groups = uniform.ChannelGroups.Select((g, i) => PlanGroup.ForUnits(g.Key, g.Granularity, g.Units, i == 0 ? [] : [.. Enumerable.Range(0, g.Units / 4)], g.Channels)).ToList();
        var layers = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Layer, Ratio = 0.5 });
        var plan = new PruningPlan { ModelFingerprint = uniform.ModelFingerprint, Groups = [.. groups, .. layers.Groups] };
        var read = PlanJson.Deserialize(PlanJson.Serialize(plan));
        Assert.Equal([0.0, .. Enumerable.Repeat(0.25, groups.Count - 1)], read.ChannelGroups.Select(g => Math.Round(g.Amount, 2)));
        Assert.NotEmpty(read.RemovedBranches);
        var pruned = Pruner.Apply(model, read);
        Assert.Equal([2L, 10L], OrtHarness.Run(pruned, Batch, [2, 1, 28, 28]).Shape);
        Assert.True(pruned.Graph.Nodes.Count(n => n.OpType == "Add") < model.Graph.Nodes.Count(n => n.OpType == "Add"));
    }

    [Fact]
    public void Combining_plans_that_decide_one_group_twice_is_refused()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 11);
        var plan = Pruner.Plan(model, new PruningOptions { Ratio = 0.5 });
        var error = Assert.Throws<ShearsException>(() => PruningPlan.Combine([plan, plan]));
        Assert.Contains("decided by two plans", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "format": "shears.pruning-plan", "version": 9, "modelFingerprint": "x" }""", "version 9")]
    [InlineData("""{ "format": "something-else", "modelFingerprint": "x" }""", "not a Shears pruning plan")]
    [InlineData("""[1, 2]""", "not an object")]
    [InlineData("""{ "format": "shears.pruning-plan", "version": 2, "modelFingerprint": "x", "groups": [ { "key": "k", "granularity": "atoms", "units": 1 } ] }""", "unknown granularity 'atoms'")]
    public void Plans_this_Shears_cannot_read_get_one_clear_error(string json, string expected)
    {
        var error = Assert.Throws<ShearsException>(() => PlanJson.Deserialize(json, "p.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("p.json: ", error.Message, StringComparison.Ordinal);
    }
}
