using Shears.Analysis;
using Shears.IR;
using Shears.Models;
using Shears.Pruning;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;
using Shears.Pruning.Unstructured;
using Shears.Tests.Models;

namespace Shears.Tests.Pruning;

public sealed class PrunerTests
{
    private static readonly float[] Batch = [.. Enumerable.Range(0, 2 * 784).Select(i => MathF.Sin(i * 0.37f))];

    private static float[] Run(Model model) => OrtHarness.Run(model, Batch, [2, 1, 28, 28]).Values;

    private static Model Prune(Model model, PruningOptions options) => Pruner.Apply(model, Pruner.Plan(model, options));

    [Theory]
    [InlineData(Architecture.Mlp)]
    [InlineData(Architecture.Cnn)]
    [InlineData(Architecture.ResNet)]
    [InlineData(Architecture.Vit)]
    public void Ratio_zero_keeps_outputs_identical(Architecture architecture)
    {
        var model = ModelZoo.Build(architecture, seed: 3);
        var pruned = Prune(model, new PruningOptions { Ratio = 0 });
        Assert.Equal(Run(model), Run(pruned));
    }

    [Theory]
    [InlineData(Architecture.Cnn, 0.3)]
    [InlineData(Architecture.Cnn, 0.7)]
    [InlineData(Architecture.ResNet, 0.5)]
    [InlineData(Architecture.Mlp, 0.5)]
    public void Removing_channels_equals_masking_them_and_shrinks_the_model(Architecture architecture, double ratio)
    {
        var model = ModelZoo.Build(architecture, seed: 4);
        var removed = Prune(model, new PruningOptions { Ratio = ratio });
        var masked = Prune(model, new PruningOptions { Ratio = ratio, Mode = StructuredMode.Mask });
        var a = Run(removed);
        var b = Run(masked);
        var scale = b.Max(MathF.Abs);
        Assert.All(a.Zip(b), p => Assert.True(MathF.Abs(p.First - p.Second) <= 1e-5f * Math.Max(1f, scale), $"{p.First} vs {p.Second}"));
        var before = ModelAnalyzer.Analyze(model);
        var after = ModelAnalyzer.Analyze(removed);
        Assert.True(after.Macs < before.Macs * (1 - (ratio * 0.9)));
        Assert.True(after.Parameters < before.Parameters);
        Assert.Equal(before.Parameters, ModelAnalyzer.Analyze(masked).Parameters);
    }

    [Fact]
    public void Heads_prune_whole_attention_heads_of_the_tiny_vit()
    {
        var model = ModelZoo.Build(Architecture.Vit, seed: 5);
        var plan = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Head, Ratio = 0.5 });
        Assert.All(plan.Groups, g => Assert.Equal((4, 2), (g.Units, g.Removed.Count)));
        var pruned = Pruner.Apply(model, plan);
        var output = OrtHarness.Run(pruned, Batch, [2, 1, 28, 28]);
        Assert.Equal([2L, 10L], output.Shape);
        Assert.True(ModelAnalyzer.Analyze(pruned).Macs < ModelAnalyzer.Analyze(model).Macs);
    }

    [Fact]
    public void Layer_pruning_removes_residual_branches()
    {
        var model = ModelZoo.Build(Architecture.Vit, seed: 6);
        var plan = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Layer, Ratio = 0.5 });
        Assert.Equal(2, plan.RemovedBranches.Count);
        var pruned = Pruner.Apply(model, plan);
        Assert.Equal([2L, 10L], OrtHarness.Run(pruned, Batch, [2, 1, 28, 28]).Shape);
        Assert.True(pruned.Graph.Nodes.Count < model.Graph.Nodes.Count);
    }

    [Theory]
    [InlineData(PruningScope.Local, 0.5)]
    [InlineData(PruningScope.Global, 0.5)]
    [InlineData(PruningScope.Global, 0.83)]
    public void Unstructured_ratio_is_met_within_a_tenth_of_a_percent(PruningScope scope, double ratio)
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 7);
        var pruned = Prune(model, new PruningOptions { Granularity = PruningGranularity.Unstructured, Ratio = ratio, Scope = scope });
        Assert.InRange(Sparsity.Of(pruned).Fraction, ratio - 0.001, ratio + 0.001);
    }

    [Fact]
    public void Threshold_zeroes_exactly_the_small_weights()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 8);
        var pruned = Prune(model, new PruningOptions { Granularity = PruningGranularity.Unstructured, Threshold = 0.02f });
        var before = model.Graph.Initializers["fc1.weight"].AsFloats().ToArray();
        var after = pruned.Graph.Initializers["fc1.weight"].AsFloats().ToArray();
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(MathF.Abs(before[i]) < 0.02f ? 0f : before[i], after[i]);
        }
    }

    [Fact]
    public void Two_of_four_keeps_at_most_two_in_every_group_along_the_reduction_axis()
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 9);
        var pruned = Prune(model, new PruningOptions { Granularity = PruningGranularity.NM, N = 2, M = 4 });
        foreach (var weight in PrunableWeights.Find(pruned.Graph))
        {
            var values = pruned.Graph.Initializers[weight.Initializer].AsFloats();
            var dims = weight.Dims;
            long inner = 1;
            for (var i = weight.ReductionAxis + 1; i < dims.Count; i++)
            {
                inner *= dims[i];
            }
            var size = dims[weight.ReductionAxis];
            var outer = values.Length / (size * inner);
            for (long o = 0; o < outer; o++)
            {
                for (long k = 0; k < inner; k++)
                {
                    for (long start = 0; start < size; start += 4)
                    {
                        var nonzero = 0;
                        for (var j = start; j < Math.Min(size, start + 4); j++)
                        {
                            nonzero += values[(int)((((o * size) + j) * inner) + k)] != 0 ? 1 : 0;
                        }
                        Assert.True(nonzero <= 2);
                    }
                }
            }
        }
    }

    [Fact]
    public void Blocks_are_zeroed_whole()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 10);
        var pruned = Prune(model, new PruningOptions { Granularity = PruningGranularity.Block, BlockRows = 4, BlockColumns = 4, Ratio = 0.5 });
        var w = pruned.Graph.Initializers["fc1.weight"].AsFloats();
        var zeroBlocks = 0;
        for (var r = 0; r < 128; r += 4)
        {
            for (var c = 0; c < 784; c += 4)
            {
                var zeros = 0;
                for (var i = 0; i < 4; i++)
                {
                    for (var j = 0; j < 4; j++)
                    {
                        zeros += w[((r + i) * 784) + c + j] == 0 ? 1 : 0;
                    }
                }
                Assert.True(zeros is 0 or 16, $"block at {r},{c} is partly zero");
                zeroBlocks += zeros == 16 ? 1 : 0;
            }
        }
        Assert.Equal(32 * 196 / 2, zeroBlocks);
    }

    [Fact]
    public void A_saved_plan_reapplies_exactly_and_refuses_another_model()
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 11);
        var plan = Pruner.Plan(model, new PruningOptions { Ratio = 0.4, Criterion = ImportanceCriterion.L2, Scope = PruningScope.Global });
        var reloaded = PlanJson.Deserialize(PlanJson.Serialize(plan));
        Assert.Equal(Shears.Onnx.OnnxWriter.ToBytes(Pruner.Apply(model, plan)), Shears.Onnx.OnnxWriter.ToBytes(Pruner.Apply(model, reloaded)));
        var error = Assert.Throws<ShearsException>(() => Pruner.Apply(ModelZoo.Build(Architecture.Mlp), reloaded));
        Assert.Contains("another model", error.Message);
    }

    [Fact]
    public void Unstructured_plans_round_trip_their_masks()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 12);
        var plan = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Unstructured, Ratio = 0.3 });
        var reloaded = PlanJson.Deserialize(PlanJson.Serialize(plan));
        Assert.Equal(Shears.Onnx.OnnxWriter.ToBytes(Pruner.Apply(model, plan)), Shears.Onnx.OnnxWriter.ToBytes(Pruner.Apply(model, reloaded)));
    }

    [Theory]
    [InlineData(1.2, null, null)]
    [InlineData(-0.1, null, null)]
    [InlineData(null, 4, 4)]
    [InlineData(null, 5, 4)]
    public void Impossible_amounts_are_rejected(double? ratio, int? n, int? m)
    {
        var granularity = n is null ? PruningGranularity.Channel : PruningGranularity.NM;
        Assert.ThrowsAny<ShearsException>(() => Pruner.Plan(ModelZoo.Build(Architecture.Mlp), new PruningOptions { Granularity = granularity, Ratio = ratio, N = n, M = m }));
    }

    [Fact]
    public void Criteria_rank_differently_and_random_follows_its_seed()
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 13);
        PruningPlan PlanWith(ImportanceCriterion criterion, ulong seed = 0) =>
            Pruner.Plan(model, new PruningOptions { Ratio = 0.5, Criterion = criterion, Seed = seed });
        var l1 = PlanWith(ImportanceCriterion.L1).Groups[0].Removed;
        var random = PlanWith(ImportanceCriterion.Random, 1).Groups[0].Removed;
        Assert.NotEqual(l1, random);
        Assert.Equal(random, PlanWith(ImportanceCriterion.Random, 1).Groups[0].Removed);
        Assert.NotEqual(random, PlanWith(ImportanceCriterion.Random, 2).Groups[0].Removed);
    }

    [Fact]
    public void L1_removes_the_filters_with_the_smallest_weights()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 14);
        var weights = model.Graph.Initializers["fc1.weight"].ToFloats();
        // Make hidden neurons 5 and 9 nearly silent: they must be the first to go.
        for (var k = 0; k < 784; k++)
        {
            weights[(5 * 784) + k] *= 1e-3f;
            weights[(9 * 784) + k] *= 1e-3f;
        }
        model.Graph.Initializers["fc1.weight"] = Tensor.FromFloats("fc1.weight", [128, 784], weights);
        var plan = Pruner.Plan(model, new PruningOptions { Ratio = 2.0 / 128, Criterion = ImportanceCriterion.L1 });
        Assert.Equal([5, 9], plan.Groups.Single().Removed);
    }

    [Fact]
    public void Round_to_keeps_a_multiple_of_the_hardware_width()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 15);
        var plan = Pruner.Plan(model, new PruningOptions { Ratio = 0.37, RoundTo = 16 });
        var kept = plan.Groups.Single().Units - plan.Groups.Single().Removed.Count;
        Assert.Equal(0, kept % 16);
        Assert.Equal(80, kept);
    }
}
