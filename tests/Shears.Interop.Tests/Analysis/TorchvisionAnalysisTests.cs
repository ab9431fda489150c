using Shears.Analysis;
using Shears.IR;
using Shears.IR.Inference;
using Shears.Onnx;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.Analysis;

/// <summary>Published figures of torchvision models, and inferred shapes checked against ONNX Runtime.</summary>
public sealed class TorchvisionAnalysisTests
{
    [Theory]
    [InlineData("resnet18", 11_680_872L, 1_814_073_344L)]
    [InlineData("mobilenet_v2", 3_475_008L, 300_774_272L)]
    public void Parameters_and_macs_match_the_known_figures(string name, long parameters, long macs)
    {
        var analysis = ModelAnalyzer.Analyze(OnnxReader.Read(TorchvisionExports.Get(new ZooModel(name))));
        Assert.Equal(parameters, analysis.Parameters);
        Assert.Equal(macs, analysis.Macs);
        Assert.Empty(analysis.Warnings);
    }

    [Fact]
    public void Vit_b_16_macs_are_within_two_percent_of_torchvision_figure()
    {
        var analysis = ModelAnalyzer.Analyze(OnnxReader.Read(TorchvisionExports.Get(new ZooModel("vit_b_16"))));
        Assert.InRange(analysis.Macs, 17.56e9 * 0.98, 17.56e9 * 1.02);
        Assert.Equal(0, analysis.UnknownMacLayers);
    }

    [Theory]
    [InlineData("resnet18", 13)]
    [InlineData("mobilenet_v2", 9)]
    [InlineData("densenet121", 13)]
    [InlineData("vit_b_16", 13)]
    [InlineData("transformer_encoder", 17)]
    [InlineData("upsample_net", 9)]
    [InlineData("convtranspose_net", 13)]
    [InlineData("shufflenet_v2_x1_0", 13)]
    [InlineData("efficientnet_b0", 13)]
    [InlineData("googlenet", 13)]
    public void Every_inferred_shape_matches_onnx_runtime(string name, int opset)
    {
        var model = OnnxReader.Read(TorchvisionExports.Get(new ZooModel(name, opset)));
        var inferred = ShapeInference.Infer(model);
        Assert.True(inferred.IsComplete, "every value should get a concrete shape");

        // Expose every node output as a model output so ONNX Runtime reports its shape.
        var probe = model.Clone();
        var declared = probe.Graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var output in probe.Graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0 && !declared.Contains(o)))
        {
            var info = inferred.Find(output)!;
            probe.Graph.Outputs.Add(new ValueInfo(output, info.ElementType, null));
        }
        probe.Graph.ValueInfos.Clear();
        using var session = OnnxRuntimeSession.FromModel(probe, new OnnxRuntimeOptions { IntraOpThreads = 1, Optimization = GraphOptimization.None });
        var outputs = session.Run(RandomInputs.For(probe));
        var checkedCount = 0;
        foreach (var tensor in outputs)
        {
            var shape = inferred.ShapeOf(tensor.Name);
            Assert.True(shape is not null, $"no inferred shape for {tensor.Name}");
            Assert.True(shape!.ToArray().SequenceEqual(tensor.Dims), $"{tensor.Name}: inferred {shape}, ONNX Runtime [{string.Join("×", tensor.Dims)}]");
            Assert.Equal(inferred.Find(tensor.Name)!.ElementType, tensor.ElementType);
            checkedCount++;
        }
        Assert.True(checkedCount >= model.Graph.Nodes.Count(n => n.OpType != "Constant") / 2, $"only {checkedCount} values were compared");
    }
}
