using Shears.Engine.Kernels;

namespace Shears.Tests.Engine.Kernels;

/// <summary>Direct nested-loop convolution in double precision, written from the definition.</summary>
internal static class ReferenceConvolution
{
    /// <summary>Calls <paramref name="visit"/>(outputIndex, inputIndex, weightIndex) for every multiply of the convolution.</summary>
    public static void ForEachTap(ConvGeometry g, Action<long, long, long> visit)
    {
        var (cg, kg) = (g.InChannelsPerGroup, g.OutChannelsPerGroup);
        for (var n = 0; n < g.Batch; n++)
        {
            for (var k = 0; k < g.OutChannels; k++)
            {
                var group = k / kg;
                for (var oy = 0; oy < g.OutHeight; oy++)
                {
                    for (var ox = 0; ox < g.OutWidth; ox++)
                    {
                        var outputIndex = (((((long)n * g.OutChannels) + k) * g.OutHeight) + oy) * g.OutWidth + ox;
                        for (var c = 0; c < cg; c++)
                        {
                            for (var r = 0; r < g.KernelHeight; r++)
                            {
                                for (var s = 0; s < g.KernelWidth; s++)
                                {
                                    var iy = (oy * g.StrideHeight) - g.PadTop + (r * g.DilationHeight);
                                    var ix = (ox * g.StrideWidth) - g.PadLeft + (s * g.DilationWidth);
                                    if (iy < 0 || iy >= g.InHeight || ix < 0 || ix >= g.InWidth)
                                    {
                                        continue;
                                    }
                                    var channel = (group * cg) + c;
                                    var inputIndex = (((((long)n * g.InChannels) + channel) * g.InHeight) + iy) * g.InWidth + ix;
                                    var weightIndex = (((((long)k * cg) + c) * g.KernelHeight) + r) * g.KernelWidth + s;
                                    visit(outputIndex, inputIndex, weightIndex);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public static double[] Forward(ConvGeometry g, float[] input, float[] weight, float[]? bias)
    {
        var output = new double[g.OutputLength];
        var positions = g.OutHeight * g.OutWidth;
        if (bias is not null)
        {
            for (var i = 0; i < output.Length; i++)
            {
                output[i] = bias[i / positions % g.OutChannels];
            }
        }
        ForEachTap(g, (o, i, w) => output[o] += (double)input[i] * weight[w]);
        return output;
    }

    public static double[] BackwardInput(ConvGeometry g, float[] outputGradient, float[] weight)
    {
        var result = new double[g.InputLength];
        ForEachTap(g, (o, i, w) => result[i] += (double)outputGradient[o] * weight[w]);
        return result;
    }

    public static double[] BackwardWeight(ConvGeometry g, float[] input, float[] outputGradient)
    {
        var result = new double[g.WeightLength];
        ForEachTap(g, (o, i, w) => result[w] += (double)outputGradient[o] * input[i]);
        return result;
    }

    /// <summary>The largest |term| count per result is bounded by Cg·R·S (or N·OH·OW for weights); scale the tolerance with it.</summary>
    public static void AssertClose(double[] expected, float[] actual, int terms, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var tolerance = 1e-5 * Math.Max(terms, 1);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i]))))
            {
                Assert.Fail($"{what}[{i}] = {actual[i]}, expected {expected[i]}");
            }
        }
    }
}
