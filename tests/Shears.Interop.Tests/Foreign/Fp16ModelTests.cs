using Shears.Analysis;
using Shears.Interop.Tests.Infrastructure;
using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Pruning;

namespace Shears.Interop.Tests.Foreign;

/// <summary>A conv net with float16 weights (converted by numpy astype) is analysed and pruned, and stays float16.</summary>
public sealed class Fp16ModelTests
{
    [Fact]
    public void Float16_weights_are_counted_pruned_and_kept_float16()
    {
        using var folder = new TemporaryDirectory();
        var (path, facts) = ForeignModels.Make(folder, "fp16");
        var model = OnnxReader.Read(path);
        var analysis = ModelAnalyzer.Analyze(model);
        Assert.Equal(facts.GetProperty("parameters").GetInt64(), analysis.Parameters);
        Assert.Equal(analysis.Parameters * 2, analysis.WeightBytes);

        using var original = OnnxRuntimeSession.Open(path, RoundTripCheck.SessionOptions);
        var inputs = RandomInputs.For(model);
        var expected = original.Run(inputs);
        OutputComparison.AssertInformative(expected[0]);
        using (var same = OnnxRuntimeSession.FromModel(Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Ratio = 0 })), RoundTripCheck.SessionOptions))
        {
            Assert.Equal(0.0, OutputComparison.MaxAbsDifference(expected, same.Run(inputs)));
        }

        var pruned = Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Ratio = 0.5 }));
        Assert.All(pruned.Graph.Initializers.Values, t => Assert.Equal(DataType.Float16, t.ElementType));
        Assert.Equal(4, pruned.Graph.Initializers["w1"].Dims[0]);
        Assert.True(ModelAnalyzer.Analyze(pruned).Parameters < analysis.Parameters);
        using var session = OnnxRuntimeSession.FromModel(pruned, RoundTripCheck.SessionOptions);
        Assert.Equal([1L, 6L], session.Run(inputs)[0].Dims.ToArray());
    }
}
