using Shears.Analysis;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Tests.Hardware.Latency;

public sealed class LayerSignatureTests
{
    private static List<LayerSignature?> Signatures(Model model)
    {
        var shapes = ShapeInference.Infer(model);
        var consumers = model.Graph.Consumers();
        return [.. model.Graph.Nodes.Select(node => LayerSignature.Of(node, model.Graph, shapes.ShapeOf, consumers))];
    }

    [Fact]
    public void Convolutions_and_linear_layers_get_signatures_with_their_fused_activation()
    {
        var signatures = Signatures(LatencyTestModels.ConvChain()).OfType<LayerSignature>().ToList();
        Assert.Equal(3, signatures.Count);
        var first = signatures[0];
        Assert.Equal(LayerKind.Convolution, first.Kind);
        Assert.Equal((16L, 32L), (first.InputChannels, first.OutputChannels));
        Assert.Equal([14L, 14L], first.InputSpatial.ToArray());
        Assert.Equal(FusedActivation.Relu, first.Activation);
        Assert.Equal("conv k3x3 s1x1 p1,1,1,1 d1x1 n1 14x14 +relu", first.ShapeClass);
        Assert.EndsWith("c16>32", first.Key, StringComparison.Ordinal);
        var linear = signatures[2];
        Assert.Equal(LayerKind.Linear, linear.Kind);
        Assert.Equal((24L, 10L), (linear.InputChannels, linear.OutputChannels));
        Assert.Null(linear.Activation);
    }

    [Fact]
    public void Signature_work_matches_the_analyser()
    {
        var model = LatencyTestModels.ConvChain();
        var analysis = ModelAnalyzer.Analyze(model);
        var signatures = Signatures(model);
        for (var i = 0; i < signatures.Count; i++)
        {
            if (signatures[i] is { } signature)
            {
                Assert.Equal(analysis.Layers[i].Macs, signature.Macs());
            }
        }
    }

    [Fact]
    public void The_shape_class_leaves_channels_out_so_a_pruned_layer_finds_its_table()
    {
        var full = LatencyTestModels.Conv3x3(64, 64);
        var pruned = full.WithChannels(40, 23);
        Assert.Equal(full.ShapeClass, pruned.ShapeClass);
        Assert.NotEqual(full.Key, pruned.Key);
    }

    [Fact]
    public void Depthwise_layers_keep_one_group_per_channel_when_resized()
    {
        var depthwise = LatencyTestModels.Conv3x3(32, 32) with { Kind = LayerKind.DepthwiseConvolution, Groups = 32 };
        var resized = depthwise.WithChannels(20, 24);
        Assert.Equal((20L, 20L, 20L), (resized.InputChannels, resized.OutputChannels, resized.Groups));
        Assert.Equal(56L * 56 * 20 * 9, resized.Macs());
    }

    [Fact]
    public void Other_nodes_and_unknown_shapes_have_no_signature()
    {
        var signatures = Signatures(LatencyTestModels.ConvChain());
        Assert.Null(signatures[1]);
        Assert.Null(signatures[4]);
    }

    [Fact]
    public void Single_layer_models_reproduce_the_signature()
    {
        var signature = LatencyTestModels.Conv3x3(24, 40) with { Activation = FusedActivation.Clip };
        var model = SingleLayerModel.Build(signature);
        var rebuilt = Signatures(model).OfType<LayerSignature>().Single();
        Assert.Equal(signature.Key, rebuilt.Key);
        Assert.Contains(model.Graph.Nodes, node => node.OpType == "Clip");
        var output = ShapeInference.Infer(model).ShapeOf(model.Graph.Outputs[0].Name);
        Assert.Equal(Shape.Of(1, 40, 56, 56), output);
    }

    [Fact]
    public void Single_layer_linear_models_reproduce_gemm_and_matmul()
    {
        foreach (var op in new[] { "Gemm", "MatMul" })
        {
            var signature = new LayerSignature { Kind = LayerKind.Linear, Op = op, Batch = 2, InputChannels = 48, OutputChannels = 10 };
            var rebuilt = Signatures(SingleLayerModel.Build(signature)).OfType<LayerSignature>().Single();
            Assert.Equal(signature.Key, rebuilt.Key);
            Assert.Equal(op, rebuilt.Op);
        }
    }
}
