using Shears.Interop.Tests.Infrastructure;
using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.RoundTrip;

/// <summary>
/// Operator forms from opset 7 that torch 1.13 can no longer export (BatchNormalization with
/// `spatial`, Upsample with a `scales` attribute), built by hand and checked in ONNX Runtime.
/// </summary>
public sealed class LegacyOperatorRoundTripTests
{
    private static readonly float[] Scale = [2f, 0.5f];
    private static readonly float[] Bias = [1f, -1f];
    private static readonly float[] Mean = [0.25f, -0.5f];
    private static readonly float[] Variance = [4f, 1f];

    private static Model Opset7Net()
    {
        var builder = new GraphBuilder("legacy");
        var x = builder.Input("x", 1, 2, 2, 2);
        var normalized = builder.Add("BatchNormalization",
            [x, builder.Initializer("scale", [2], Scale), builder.Initializer("bias", [2], Bias), builder.Initializer("mean", [2], Mean), builder.Initializer("var", [2], Variance)],
            NodeAttribute.Of("spatial", 1L), NodeAttribute.Of("epsilon", 0f));
        var upsampled = builder.Add("Upsample", [normalized], NodeAttribute.Of("scales", 1f, 1f, 2f, 2f), NodeAttribute.Of("mode", "nearest"));
        builder.Output(upsampled, DataType.Float, Shape.Of(1, 2, 4, 4));
        var model = builder.ToModel(7);
        model.IrVersion = 3;
        return model;
    }

    [Fact]
    public void Opset_7_batch_norm_and_upsample_run_identically_after_round_trip()
    {
        using var work = new TemporaryDirectory();
        var path = work.File("legacy.onnx");
        OnnxWriter.Write(Opset7Net(), path);
        var reread = OnnxReader.Read(path);
        Assert.Equal(7, reread.OpsetVersion);
        Assert.Equal(1, reread.Graph.Nodes[0].GetInt("spatial", 0));
        Assert.Equal([1f, 1f, 2f, 2f], reread.Graph.Nodes[1].GetFloats("scales")!);

        var input = Tensor.FromFloats("x", [1, 2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]);
        using var original = OnnxRuntimeSession.FromModel(Opset7Net(), RoundTripCheck.SessionOptions);
        using var written = OnnxRuntimeSession.Open(path, RoundTripCheck.SessionOptions);
        var expected = original.Run(input);
        Assert.Equal(0.0, OutputComparison.MaxAbsDifference(expected, written.Run(input)));

        // Against the definitions: y = scale * (x - mean) / sqrt(var) + bias, then each pixel becomes a 2×2 block.
        var output = expected.Single();
        Assert.Equal([1L, 2L, 4L, 4L], output.Dims.ToArray());
        var values = output.ToFloats();
        for (var channel = 0; channel < 2; channel++)
        {
            for (var row = 0; row < 4; row++)
            {
                for (var column = 0; column < 4; column++)
                {
                    var x = input.ToFloats()[(channel * 4) + ((row / 2) * 2) + (column / 2)];
                    var y = (Scale[channel] * (x - Mean[channel]) / MathF.Sqrt(Variance[channel])) + Bias[channel];
                    Assert.Equal(y, values[(channel * 16) + (row * 4) + column], 5);
                }
            }
        }
    }
}
