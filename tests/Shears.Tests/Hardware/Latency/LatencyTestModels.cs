using Shears.Hardware.Latency;
using Shears.IR;

namespace Shears.Tests.Hardware.Latency;

/// <summary>Small models for latency tests: a convolution chain with a classifier, and synthetic curves.</summary>
internal static class LatencyTestModels
{
    /// <summary>x[1,16,14,14] → Conv 3×3 (32) → Relu → Conv 1×1 (24) → Relu → GlobalAveragePool → Flatten → Gemm (10).</summary>
    public static Model ConvChain()
    {
        var builder = new GraphBuilder("chain");
        var x = builder.Input("x", 1, 16, 14, 14);
        var w1 = builder.Initializer("w1", [32, 16, 3, 3], Values(32 * 16 * 9));
        var b1 = builder.Initializer("b1", [32], Values(32));
        var conv1 = builder.Add("Conv", [x, w1, b1], NodeAttribute.Of("kernel_shape", 3L, 3L), NodeAttribute.Of("pads", 1L, 1L, 1L, 1L));
        var relu1 = builder.Add("Relu", [conv1]);
        var w2 = builder.Initializer("w2", [24, 32, 1, 1], Values(24 * 32));
        var b2 = builder.Initializer("b2", [24], Values(24));
        var conv2 = builder.Add("Conv", [relu1, w2, b2], NodeAttribute.Of("kernel_shape", 1L, 1L));
        var relu2 = builder.Add("Relu", [conv2]);
        var pooled = builder.Add("GlobalAveragePool", [relu2]);
        var flat = builder.Add("Flatten", [pooled]);
        var w3 = builder.Initializer("w3", [10, 24], Values(240));
        var b3 = builder.Initializer("b3", [10], Values(10));
        var logits = builder.Add("Gemm", [flat, w3, b3], NodeAttribute.Of("transB", 1L));
        builder.Output(logits);
        return builder.ToModel(13);
    }

    /// <summary>A 3×3 convolution signature at 56×56 with the given channels.</summary>
    public static LayerSignature Conv3x3(long input, long output) => new()
    {
        Kind = LayerKind.Convolution,
        Op = "Conv",
        Batch = 1,
        InputChannels = input,
        OutputChannels = output,
        InputSpatial = [56, 56],
        Kernel = [3, 3],
        Strides = [1, 1],
        Pads = [1, 1, 1, 1],
        Dilations = [1, 1],
    };

    private static float[] Values(int count) => [.. Enumerable.Range(0, count).Select(i => (float)Math.Sin(i) * 0.1f)];
}
