using Shears.Analysis;
using Shears.Interop.Tests.Infrastructure;
using Shears.IR;
using Shears.Models;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Pruning;
using Shears.Pruning.Structured;

namespace Shears.Interop.Tests.Pruning;

/// <summary>
/// Structured pruning of real exports: every pruned model loads and runs in ONNX Runtime with the
/// original output shape, and what `shears analyze` reads back from the written file is what the
/// pruner predicted. For CNNs, removing channels must give the same outputs as zeroing them.
/// </summary>
public sealed class TorchvisionPruningTests
{
    private static readonly OnnxRuntimeOptions Ort = new() { IntraOpThreads = 1 };

    public static TheoryData<string, double> CoreModels()
    {
        var data = new TheoryData<string, double>();
        foreach (var name in new[] { "resnet18", "resnet50", "mobilenet_v2", "densenet121", "vit_b_16" })
        {
            foreach (var ratio in new[] { 0.3, 0.5, 0.7 })
            {
                data.Add(name, ratio);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CoreModels))]
    public void Channel_pruning_gives_a_smaller_model_that_runs(string name, double ratio) =>
        CheckPrunedRuns(OnnxReader.Read(TorchvisionExports.Get(new ZooModel(name))), new PruningOptions { Ratio = ratio, Criterion = Shears.Pruning.Importance.ImportanceCriterion.L2 }, ratio);

    [Theory]
    [InlineData("alexnet")]
    [InlineData("convnext_tiny")]
    [InlineData("efficientnet_b0")]
    [InlineData("googlenet")]
    [InlineData("inception_v3")]
    [InlineData("mnasnet0_5")]
    [InlineData("mobilenet_v3_large")]
    [InlineData("regnet_y_400mf")]
    [InlineData("resnext50_32x4d")]
    [InlineData("shufflenet_v2_x1_0")]
    [InlineData("squeezenet1_0")]
    [InlineData("swin_t")]
    [InlineData("vgg11_bn")]
    [InlineData("maxvit_t")]
    public void The_rest_of_the_torchvision_family_prunes_at_half(string name) =>
        CheckPrunedRuns(OnnxReader.Read(TorchvisionExports.Get(new ZooModel(name))), new PruningOptions { Ratio = 0.5 }, 0.5);

    [Theory]
    [InlineData(Architecture.Mlp)]
    [InlineData(Architecture.Cnn)]
    [InlineData(Architecture.ResNet)]
    [InlineData(Architecture.Vit)]
    public void The_engines_own_models_prune_at_every_ratio(Architecture architecture)
    {
        foreach (var ratio in new[] { 0.3, 0.5, 0.7 })
        {
            CheckPrunedRuns(Shears.Models.ModelZoo.Build(architecture, seed: 1), new PruningOptions { Ratio = ratio }, ratio);
        }
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("mobilenet_v2")]
    [InlineData("densenet121")]
    [InlineData("efficientnet_b0")]
    [InlineData("shufflenet_v2_x1_0")]
    [InlineData("resnext50_32x4d")]
    public void Removing_channels_computes_what_zeroing_them_computes(string name)
    {
        var model = OnnxReader.Read(TorchvisionExports.Get(new ZooModel(name)));
        var plan = Pruner.Plan(model, new PruningOptions { Ratio = 0.5 });
        var removed = Run(Pruner.Apply(model, plan), model);
        var masked = Run(Pruner.Apply(model, plan with { Mode = StructuredMode.Mask }), model);
        var scale = masked.Max(MathF.Abs);
        var difference = removed.Zip(masked).Max(p => MathF.Abs(p.First - p.Second));
        Assert.True(difference <= 1e-4f * Math.Max(scale, 1e-6f), $"max difference {difference} at output scale {scale}");
    }

    [Fact]
    public void Vit_heads_prune_consistently_across_queries_keys_values_and_output()
    {
        var model = OnnxReader.Read(TorchvisionExports.Get(new ZooModel("vit_b_16")));
        var plan = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Head, Ratio = 0.5 });
        Assert.Equal(12, plan.Groups.Count);
        Assert.All(plan.Groups, g => Assert.Equal((12, 6), (g.Units, g.Removed.Count)));
        var pruned = Pruner.Apply(model, plan);
        var reshapes = pruned.Graph.Nodes.Where(n => n.OpType == "Reshape").Select(n => pruned.Graph.FindInitializer(n.Inputs[1])!.ToInt64s()).ToList();
        Assert.Contains(reshapes, r => r.SequenceEqual([197L, 6L, 64L]));
        CheckPrunedRuns(model, new PruningOptions { Granularity = PruningGranularity.Head, Ratio = 0.5 }, 0.3);
    }

    [Fact]
    public void Residual_blocks_of_resnet50_can_be_removed()
    {
        var model = OnnxReader.Read(TorchvisionExports.Get(new ZooModel("resnet50")));
        var plan = Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Layer, Ratio = 0.5 });
        Assert.True(plan.RemovedBranches.Count >= 6);
        CheckPrunedRuns(model, new PruningOptions { Granularity = PruningGranularity.Layer, Ratio = 0.5 }, 0.1);
    }

    private static float[] Run(Model pruned, Model original)
    {
        using var session = OnnxRuntimeSession.FromModel(pruned, Ort);
        var outputs = session.Run(RandomInputs.For(original));
        return outputs[0].ToFloats();
    }

    private static void CheckPrunedRuns(Model model, PruningOptions options, double minimumMacReduction)
    {
        var before = ModelAnalyzer.Analyze(model);
        var pruned = Pruner.Apply(model, Pruner.Plan(model, options));
        var predicted = ModelAnalyzer.Analyze(pruned);
        using var folder = new TemporaryDirectory();
        var path = folder.File("pruned.onnx");
        OnnxWriter.Write(pruned, path);
        var measured = ModelAnalyzer.Analyze(OnnxReader.Read(path));
        Assert.Equal(predicted.Parameters, measured.Parameters);
        Assert.Equal(predicted.Macs, measured.Macs);
        Assert.True(predicted.Macs <= before.Macs * (1 - (minimumMacReduction * 0.5)), $"MACs {before.Macs} → {predicted.Macs}");
        Assert.True(predicted.Parameters < before.Parameters);

        using var original = OnnxRuntimeSession.FromModel(model, Ort);
        using var session = OnnxRuntimeSession.Open(path, Ort);
        var inputs = RandomInputs.For(model);
        var expected = original.Run(inputs)[0];
        var actual = session.Run(inputs)[0];
        Assert.Equal(expected.Dims.ToArray(), actual.Dims.ToArray());
        Assert.All(actual.ToFloats(), v => Assert.True(float.IsFinite(v)));
    }
}
