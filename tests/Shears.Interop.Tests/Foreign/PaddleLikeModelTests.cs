using System.Text.Json;
using Shears.Cli;
using Shears.Interop.Tests.Infrastructure;
using Shears.IR;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.Foreign;

/// <summary>
/// A model as the PaddlePaddle converter writes it (weights in Constant nodes, symbolic height and
/// width, hard-swish as Add/Clip/Mul/Div), through the CLI as a user runs it: analyze counts the
/// constants' parameters, prune --ratio 0.3 changes the model, and ONNX Runtime runs the output at
/// two input sizes.
/// </summary>
public sealed class PaddleLikeModelTests
{
    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void Constant_weights_and_symbolic_sizes_analyse_and_prune(int opset)
    {
        using var folder = new TemporaryDirectory();
        var (path, facts) = ForeignModels.Make(folder, "paddle", opset);

        var (code, output, errors) = Cli("analyze", path, "--json");
        Assert.True(code == 0, errors);
        var analysis = JsonDocument.Parse(output).RootElement;
        Assert.Equal(facts.GetProperty("parameters").GetInt64(), analysis.GetProperty("parameters").GetInt64());
        Assert.Equal(facts.GetProperty("weight_bytes").GetInt64(), analysis.GetProperty("weightBytes").GetInt64());
        Assert.Equal(2, analysis.GetProperty("assumedDims").GetArrayLength());
        Assert.Contains("224 assumed", errors, StringComparison.Ordinal);

        var prunedPath = folder.File("pruned.onnx");
        (code, _, errors) = Cli("prune", path, "--ratio", "0.3", "-o", prunedPath, "--dim", "p2o.DynamicDimension.1=64", "--dim", "p2o.DynamicDimension.2=64");
        Assert.True(code == 0, errors);
        Assert.NotEqual(File.ReadAllBytes(path), File.ReadAllBytes(prunedPath));
        var pruned = Shears.Onnx.OnnxReader.Read(prunedPath);
        Assert.Equal(Dim.Named("p2o.DynamicDimension.1"), pruned.Graph.Inputs.Single().Shape![2]);
        Assert.True(Shears.Analysis.ModelAnalyzer.Analyze(pruned).Parameters < facts.GetProperty("parameters").GetInt64());

        using var session = OnnxRuntimeSession.Open(prunedPath, RoundTripCheck.SessionOptions);
        foreach (var (batch, height, width) in new[] { (1L, 64L, 64L), (2L, 96L, 128L) })
        {
            var input = RandomInputs.For([new ValueInfo("x", DataType.Float, Shape.Of(batch, 3, height, width))]);
            var maps = session.Run(input)[0];
            Assert.Equal([batch, 1L, height / 4, width / 4], maps.Dims.ToArray());
            OutputComparison.AssertInformative(maps);
        }
    }

    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
