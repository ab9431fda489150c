using Shears.Models;
using Shears.Pruning;

namespace Shears.Tests.Pruning;

/// <summary>Per-group ratios in one plan: the planners' way to give each channel group its own amount.</summary>
public sealed class GroupRatioTests
{
    private static readonly Shears.IR.Model Cnn = ModelZoo.Build(Architecture.Cnn, seed: 2);

    [Fact]
    public void Each_named_group_loses_its_own_ratio_and_the_others_the_shared_one()
    {
        var keys = Pruner.Plan(Cnn, new PruningOptions { Ratio = 0 }).Groups.Select(g => g.Key).ToList();
        Assert.Equal(3, keys.Count);
        var ratios = new Dictionary<string, double> { [keys[0]] = 0.5, [keys[1]] = 0.75 };
        var plan = Pruner.Plan(Cnn, new PruningOptions { Ratio = 0.25, GroupRatios = ratios });
        Assert.Equal([16, 48, 32], plan.Groups.Select(g => g.Removed.Count));
        Assert.Null(plan.Recipe);
        // Each group removes the same units a uniform plan at its ratio would: the selection inside a group is unchanged.
        var uniform = Pruner.Plan(Cnn, new PruningOptions { Ratio = 0.75 });
        Assert.Equal(uniform.Groups[1].Kept, plan.Groups[1].Kept);
        var pruned = Pruner.Apply(Cnn, plan);
        Assert.Equal([16, 1, 3, 3], pruned.Graph.Initializers["conv1.weight"].Dims.Select(d => (int)d));
        Assert.Equal([16, 16, 3, 3], pruned.Graph.Initializers["conv2.weight"].Dims.Select(d => (int)d));
    }

    [Fact]
    public void Kept_counts_round_to_the_multiple_per_group()
    {
        var key = Pruner.Plan(Cnn, new PruningOptions { Ratio = 0 }).Groups[1].Key;
        // 64 × (1 − 0.3) = 44.8 → keep 45 → rounded to 48 with a multiple of 16.
        var plan = Pruner.Plan(Cnn, new PruningOptions { Ratio = 0, RoundTo = 16, GroupRatios = new Dictionary<string, double> { [key] = 0.3 } });
        Assert.Equal([0, 16, 0], plan.Groups.Select(g => g.Removed.Count));
    }

    [Fact]
    public void An_unknown_group_a_global_scope_or_a_ratio_out_of_range_is_refused()
    {
        var unknown = Assert.Throws<InvalidOptionException>(() =>
            Pruner.Plan(Cnn, new PruningOptions { Ratio = 0, GroupRatios = new Dictionary<string, double> { ["nope:x"] = 0.5 } }));
        Assert.Contains("'nope:x'", unknown.Message, StringComparison.Ordinal);
        var global = Assert.Throws<InvalidOptionException>(() =>
            Pruner.Plan(Cnn, new PruningOptions { Ratio = 0, Scope = PruningScope.Global, GroupRatios = new Dictionary<string, double>() }));
        Assert.Contains("local", global.Message, StringComparison.Ordinal);
        var range = Assert.Throws<InvalidOptionException>(() =>
            Pruner.Plan(Cnn, new PruningOptions { Ratio = 0, GroupRatios = new Dictionary<string, double> { ["a"] = 1 } }));
        Assert.Contains("[0, 1)", range.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionException>(() =>
            Pruner.Plan(Cnn, new PruningOptions { Granularity = PruningGranularity.Unstructured, Ratio = 0.5, GroupRatios = new Dictionary<string, double>() }));
    }
}
