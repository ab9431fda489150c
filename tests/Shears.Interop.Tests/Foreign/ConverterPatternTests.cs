using Shears.Interop.Tests.Infrastructure;
using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Pruning;

namespace Shears.Interop.Tests.Foreign;

/// <summary>
/// TensorFlow-to-ONNX and CNTK patterns at opsets 7 to 21: Pad before Conv (attribute and input
/// forms), BatchNormalization with `spatial`, Flatten as Shape→Gather→Unsqueeze→Concat→Reshape,
/// Gemm with transB and with transA after a Transpose. Pruned at ratio 0 they compute what the
/// original computes; pruned at 0.3 every layer group shrinks and the batch stays symbolic.
/// </summary>
public sealed class ConverterPatternTests
{
    private static readonly RandomInputOptions BatchOfThree = new() { DimBindings = new Dictionary<string, long> { ["N"] = 3 } };

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(21)]
    public void Converter_patterns_analyse_and_prune(int opset)
    {
        using var folder = new TemporaryDirectory();
        var (path, _) = ForeignModels.Make(folder, "converter", opset);
        var model = OnnxReader.Read(path);
        using var original = OnnxRuntimeSession.Open(path, RoundTripCheck.SessionOptions);
        var inputs = RandomInputs.For(model, BatchOfThree);
        var expected = original.Run(inputs);
        OutputComparison.AssertInformative(expected[0]);

        var unchanged = Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Ratio = 0 }));
        using (var same = OnnxRuntimeSession.FromModel(unchanged, RoundTripCheck.SessionOptions))
        {
            Assert.True(OutputComparison.MaxAbsDifference(expected, same.Run(inputs)) <= 1e-5);
        }

        var plan = Pruner.Plan(model, new PruningOptions { Ratio = 0.3 });
        Assert.Equal(["conv1:c1", "conv2:c2", "fc1:h"], plan.ChannelGroups.Where(g => g.Removed.Count > 0).Select(g => g.Key));
        var pruned = Pruner.Apply(model, plan);
        // The flatten's target is still computed from the running shape, so any batch size works.
        Assert.Contains(pruned.Graph.Nodes, n => n.OpType == "Shape");
        Assert.Equal(Dim.Named("N"), pruned.Graph.Inputs.Single().Shape![0]);
        var written = folder.File("pruned.onnx");
        OnnxWriter.Write(pruned, written);
        using var session = OnnxRuntimeSession.Open(written, RoundTripCheck.SessionOptions);
        var actual = session.Run(inputs)[0];
        Assert.Equal([3L, 10L], actual.Dims.ToArray());
        OutputComparison.AssertInformative(actual);
    }
}
