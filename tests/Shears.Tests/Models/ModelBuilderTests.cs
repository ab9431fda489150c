using Shears.Analysis;
using Shears.IR;
using Shears.IR.Inference;
using Shears.Models;
using Shears.Numerics;
using Shears.Onnx;

namespace Shears.Tests.Models;

public sealed class ModelBuilderTests
{
    public static TheoryData<Architecture> AllArchitectures => [.. Architectures.All];

    private static readonly ShapeInferenceOptions SymbolicBatch = new() { DefaultDimValue = null };

    [Theory]
    [MemberData(nameof(AllArchitectures))]
    public void Logits_are_batch_by_ten_with_a_symbolic_batch_and_no_warnings(Architecture architecture)
    {
        var model = ModelZoo.Build(architecture, seed: 1);
        Assert.Equal(17, model.OpsetVersion);
        Assert.Equal(8, model.IrVersion);
        var input = Assert.Single(model.Graph.RuntimeInputs);
        Assert.Equal("input", input.Name);
        Assert.Equal(new Shape([Dim.Named("batch"), 1, 28, 28]), input.Shape);

        var symbolic = ShapeInference.Infer(model, SymbolicBatch);
        Assert.Empty(symbolic.Warnings);
        Assert.Equal(new Shape([Dim.Named("batch"), 10]), symbolic.ShapeOf("logits"));

        var bound = ShapeInference.Infer(model, new ShapeInferenceOptions { DimBindings = new Dictionary<string, long> { ["batch"] = 3 } });
        Assert.Empty(bound.Warnings);
        Assert.True(bound.IsComplete);
        Assert.Equal(Shape.Of(3, 10), bound.ShapeOf("logits"));
    }

    [Theory]
    [InlineData(Architecture.Mlp, (784 * 128) + 128 + (128 * 10) + 10)]
    [InlineData(Architecture.Cnn, 320 + 18_496 + 204_928 + 1_290)]
    [InlineData(Architecture.ResNet, ResNetParameters)]
    [InlineData(Architecture.Vit, VitParameters)]
    public void Parameter_counts_match_the_hand_computed_figures(Architecture architecture, long expected)
    {
        var analysis = ModelAnalyzer.Analyze(ModelZoo.Build(architecture));
        Assert.Equal(expected, analysis.Parameters);
        Assert.Equal(0, analysis.UnknownMacLayers);
    }

    /// <summary>
    /// Convolutions have no bias before BatchNormalization; each BN holds four vectors (scale, bias,
    /// running mean and variance), which the analyzer counts since they are float initializers.
    /// </summary>
    private const long ResNetParameters =
        (1 * 16 * 9) + (4 * 16) // stem
        + (16 * 16 * 9) + (4 * 16) + (16 * 16 * 9) + (4 * 16) // layer1.0, identity shortcut
        + (16 * 32 * 9) + (4 * 32) + (32 * 32 * 9) + (4 * 32) + (16 * 32) + (4 * 32) // layer2.0, projection
        + (32 * 64 * 9) + (4 * 64) + (64 * 64 * 9) + (4 * 64) + (32 * 64) + (4 * 64) // layer3.0, projection
        + (64 * 10) + 10; // fc

    /// <summary>Each block also holds four scalar constants: the attention scale and GELU's √2, 1 and ½.</summary>
    private const long VitParameters =
        (64 * 1 * 4 * 4) + 64 // patch embedding
        + (49 * 64) // positional embedding
        + (2 * ((2 * 64) + (4 * ((64 * 64) + 64)) + 1 + (2 * 64) + (64 * 128) + 128 + 3 + (128 * 64) + 64)) // blocks
        + (2 * 64) // final norm
        + (64 * 10) + 10; // head

    [Fact]
    public void The_seed_mlp_and_cnn_have_the_documented_layers()
    {
        var mlp = ModelZoo.Build(Architecture.Mlp).Graph;
        Assert.Equal(["Flatten", "Gemm", "Relu", "Gemm"], mlp.Nodes.Select(n => n.OpType));
        Assert.Equal([128L, 784], mlp.FindInitializer("fc1.weight")!.Dims.ToArray());
        Assert.Equal(1, mlp.FindNode("fc1")!.GetInt("transB", 0));

        var cnn = ModelZoo.Build(Architecture.Cnn).Graph;
        Assert.Equal(["Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm"], cnn.Nodes.Select(n => n.OpType));
        Assert.Equal([64L, 32, 3, 3], cnn.FindInitializer("conv2.weight")!.Dims.ToArray());
        Assert.Equal([128L, 1600], cnn.FindInitializer("fc1.weight")!.Dims.ToArray());
    }

    [Fact]
    public void Resnet_names_its_blocks_hierarchically_and_projects_when_the_shape_changes()
    {
        var graph = ModelZoo.Build(Architecture.ResNet).Graph;
        Assert.NotNull(graph.FindNode("layer1.0.conv1"));
        Assert.Null(graph.FindNode("layer1.0.shortcut.conv"));
        Assert.Equal([32L, 16, 1, 1], graph.FindInitializer("layer2.0.shortcut.conv.weight")!.Dims.ToArray());
        Assert.Equal([2L, 2], graph.FindNode("layer3.0.conv1")!.GetInts("strides")!);
        Assert.Equal(1 + (3 * 2) + 2, graph.Nodes.Count(n => n.OpType == "BatchNormalization")); // stem, two per block, two projections
        Assert.Equal(3, graph.Nodes.Count(n => n.OpType == "Add"));
        Assert.All(graph.FindInitializer("stem.bn.running_var")!.ToFloats(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Vit_has_separate_projections_and_a_recognisable_gelu()
    {
        var graph = ModelZoo.Build(Architecture.Vit).Graph;
        foreach (var projection in new[] { "q", "k", "v", "proj" })
        {
            Assert.Equal([64L, 64], graph.FindInitializer($"blocks.1.attn.{projection}.weight")!.Dims.ToArray());
        }
        Assert.Equal(["Div", "Erf", "Add", "Mul", "Mul"],
            graph.Nodes.Where(n => n.Name.StartsWith("blocks.0.mlp.gelu/", StringComparison.Ordinal)).Select(n => n.OpType));
        Assert.Equal(0.25f, graph.FindInitializer("blocks.0.attn.scale.value")!.ToFloats()[0]);
        Assert.Equal([1L], graph.FindNode("pool")!.GetInts("axes")!);
        Assert.Equal([0L, 0, 4, 16], graph.FindInitializer("blocks.0.attn.q.split_heads.shape")!.ToInt64s());
        Assert.Equal([1L, 49, 64], graph.FindInitializer("pos_embed")!.Dims.ToArray());
        var positions = graph.FindInitializer("pos_embed")!.ToFloats();
        Assert.InRange(Math.Sqrt(positions.Average(p => p * p)), 0.018, 0.022);
    }

    [Fact]
    public void Initial_weights_follow_pytorch_default_bounds()
    {
        var graph = ModelZoo.Build(Architecture.Cnn, seed: 5).Graph;
        var bound = 1 / MathF.Sqrt(32 * 3 * 3);
        var weights = graph.FindInitializer("conv2.weight")!.ToFloats();
        Assert.All(weights, w => Assert.InRange(w, -bound, bound));
        Assert.True(weights.Max() > 0.9f * bound && weights.Min() < -0.9f * bound);
        Assert.All(graph.FindInitializer("conv2.bias")!.ToFloats(), b => Assert.InRange(b, -bound, bound));
    }

    [Theory]
    [MemberData(nameof(AllArchitectures))]
    public void Same_seed_gives_identical_bytes_and_another_seed_other_weights(Architecture architecture)
    {
        var first = OnnxWriter.ToBytes(ModelZoo.Build(architecture, seed: 11));
        var again = OnnxWriter.ToBytes(ModelZoo.Build(architecture, seed: 11));
        Assert.Equal(first, again);
        var other = ModelZoo.Build(architecture, seed: 12).Graph.Initializers;
        var original = ModelZoo.Build(architecture, seed: 11).Graph.Initializers;
        var firstWeight = original.Keys.First(k => k.EndsWith(".weight", StringComparison.Ordinal));
        Assert.NotEqual(original[firstWeight].ToFloats(), other[firstWeight].ToFloats());
    }

    [Fact]
    public void Written_models_read_back_with_the_same_structure()
    {
        foreach (var architecture in Architectures.All)
        {
            var model = ModelZoo.Build(architecture);
            var read = OnnxReader.Read(OnnxWriter.ToBytes(model));
            Assert.Equal(model.Graph.Nodes.Select(n => n.Name), read.Graph.Nodes.Select(n => n.Name));
            Assert.Equal(model.Graph.Initializers.Keys, read.Graph.Initializers.Keys);
            Assert.Contains(read.Metadata, m => m is { Key: "shears.architecture" } && m.Value == Architectures.Name(architecture));
        }
    }

    [Theory]
    [MemberData(nameof(AllArchitectures))]
    public void Onnx_runtime_runs_a_batch_of_three_to_finite_logits(Architecture architecture)
    {
        var (logits, shape) = OrtHarness.Run(ModelZoo.Build(architecture, seed: 2), RandomImages(3, seed: 99), [3, 1, 28, 28]);
        Assert.Equal([3L, 10], shape);
        Assert.All(logits, v => Assert.True(float.IsFinite(v)));
        Assert.True(logits.Distinct().Count() > 20, "logits should vary between images and classes");
    }

    [Fact]
    public void Onnx_runtime_agrees_with_a_scalar_reference_for_the_mlp()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 3);
        var images = RandomImages(3, seed: 4);
        AssertClose(ReferenceForward.Mlp(model, images, 3), OrtHarness.Run(model, images, [3, 1, 28, 28]).Values);
    }

    [Fact]
    public void Onnx_runtime_agrees_with_a_scalar_reference_for_the_cnn()
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 3);
        var images = RandomImages(3, seed: 5);
        AssertClose(ReferenceForward.Cnn(model, images, 3), OrtHarness.Run(model, images, [3, 1, 28, 28]).Values);
    }

    [Fact]
    public void Options_change_the_sizes_and_bad_options_are_named()
    {
        var wide = ModelZoo.Build(Architecture.Mlp, 0, new MlpOptions { HiddenWidth = 32, ClassCount = 5 });
        Assert.Equal([32L, 784], wide.Graph.FindInitializer("fc1.weight")!.Dims.ToArray());
        Assert.Equal(new Shape([Dim.Named("batch"), 5]), ShapeInference.Infer(wide, SymbolicBatch).ShapeOf("logits"));

        var deep = ModelZoo.Build(Architecture.ResNet, 0, new ResNetOptions { BlocksPerStage = 2 });
        Assert.NotNull(deep.Graph.FindNode("layer3.1.conv2"));

        var error = Assert.Throws<ShearsException>(() => ModelZoo.Build(Architecture.Vit, 0, new VitOptions { HeadCount = 3 }));
        Assert.Equal("VitOptions: embedding dim 64 does not split into 3 heads", error.Message);
        Assert.Throws<ShearsException>(() => ModelZoo.Build(Architecture.Cnn, 0, new CnnOptions { InputShape = new(1, 8, 8) }));
        Assert.Equal("MlpOptions do not configure the cnn architecture",
            Assert.Throws<ShearsException>(() => ModelZoo.Build(Architecture.Cnn, 0, new MlpOptions())).Message);
    }

    [Theory]
    [InlineData("mlp", Architecture.Mlp)]
    [InlineData("CNN", Architecture.Cnn)]
    [InlineData("resnet", Architecture.ResNet)]
    [InlineData(" vit ", Architecture.Vit)]
    public void Architecture_names_parse_from_the_command_line(string name, Architecture expected) =>
        Assert.Equal(expected, Architectures.Parse(name));

    [Fact]
    public void Unknown_architecture_lists_the_known_ones()
    {
        var error = Assert.Throws<ShearsException>(() => Architectures.Parse("vgg"));
        Assert.Equal("unknown architecture 'vgg'; expected one of mlp, cnn, resnet, vit", error.Message);
    }

    private static float[] RandomImages(int count, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, count * 28 * 28).Select(_ => rng.NextGaussian(0, 1))];
    }

    /// <summary>Every element within 1e-4 of the largest reference magnitude.</summary>
    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(MathF.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f * scale, $"element {i}: reference {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }
}
