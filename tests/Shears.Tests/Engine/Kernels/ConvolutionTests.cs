using Shears.Engine;
using Shears.Engine.Kernels;

namespace Shears.Tests.Engine.Kernels;

public class ConvolutionTests
{
    public static TheoryData<KernelVariant, string> Cases
    {
        get
        {
            var data = new TheoryData<KernelVariant, string>();
            foreach (var variant in KernelRegistry.Available)
            {
                foreach (var name in Geometries.Keys)
                {
                    data.Add(variant, name);
                }
            }
            return data;
        }
    }

    private static readonly Dictionary<string, ConvGeometry> Geometries = new()
    {
        ["batch 5 in image chunks of 4 and 1"] = new(5, 2, 14, 14, 3, 3, 3),
        ["3x3 pad 1"] = new(2, 3, 7, 6, 4, 3, 3) { PadTop = 1, PadLeft = 1, PadBottom = 1, PadRight = 1 },
        ["groups 2, stride 2, asymmetric pads"] = new(2, 4, 9, 8, 6, 3, 2) { Groups = 2, StrideHeight = 2, StrideWidth = 2, PadTop = 1, PadLeft = 0, PadBottom = 2, PadRight = 1 },
        ["dilation 2, stride 2x1"] = new(1, 3, 10, 9, 5, 3, 3) { DilationHeight = 2, DilationWidth = 2, StrideHeight = 2, PadLeft = 2, PadRight = 1 },
        ["depthwise 3x3 stride 2 pad 1"] = new(2, 5, 9, 11, 5, 3, 3) { Groups = 5, StrideHeight = 2, StrideWidth = 2, PadTop = 1, PadLeft = 1, PadBottom = 1, PadRight = 1 },
        ["depthwise dilation 2 asymmetric pads"] = new(1, 3, 8, 13, 3, 3, 3) { Groups = 3, DilationHeight = 2, DilationWidth = 2, PadTop = 2, PadLeft = 3, PadBottom = 0, PadRight = 1 },
        ["depthwise stride 3 width 5 kernel"] = new(1, 2, 6, 23, 2, 2, 5) { Groups = 2, StrideWidth = 3, PadLeft = 2, PadRight = 2 },
        ["depthwise multiplier 2"] = new(1, 3, 6, 6, 6, 3, 3) { Groups = 3, PadTop = 1, PadBottom = 1 },
        ["1x1 pointwise"] = new(3, 8, 5, 5, 5, 1, 1),
        ["1x1 pointwise groups 2"] = new(2, 8, 4, 3, 6, 1, 1) { Groups = 2 },
        ["1x1 stride 2"] = new(1, 4, 7, 7, 3, 1, 1) { StrideHeight = 2, StrideWidth = 2 },
        ["kernel wider than input"] = new(1, 2, 3, 3, 2, 5, 5) { PadTop = 2, PadLeft = 2, PadBottom = 2, PadRight = 2 },
        ["two threads, image parallel"] = new(4, 16, 24, 24, 16, 3, 3) { PadTop = 1, PadLeft = 1, PadBottom = 1, PadRight = 1 },
        ["two threads, one image"] = new(1, 16, 22, 22, 48, 3, 3),
        ["Winograd, odd output, channels 17 to 20, pad 1"] = new(3, 17, 9, 12, 20, 3, 3) { PadTop = 1, PadLeft = 1, PadBottom = 1, PadRight = 1 },
        ["Winograd, asymmetric pads up to 2, 33 outputs"] = new(2, 17, 5, 7, 33, 3, 3) { PadTop = 2, PadLeft = 0, PadBottom = 1, PadRight = 2 },
        ["Winograd, the CNN's second convolution"] = new(3, 32, 13, 13, 64, 3, 3),
        ["Winograd, one image, GEMMs over two threads"] = new(1, 32, 24, 24, 48, 3, 3) { PadTop = 1, PadLeft = 1, PadBottom = 1, PadRight = 1 },
        ["two threads, depthwise"] = new(4, 32, 48, 48, 32, 3, 3) { Groups = 32, PadTop = 1, PadLeft = 1, PadBottom = 1, PadRight = 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_and_backward_match_the_direct_definition(KernelVariant variant, string name)
    {
        var options = new EngineOptions { Kernels = variant, Threads = 2 };
        var g = Geometries[name];
        var random = new Random(name.Length);
        var input = ReferenceGemm.Random(random, (int)g.InputLength);
        var weight = ReferenceGemm.Random(random, (int)g.WeightLength);
        var bias = ReferenceGemm.Random(random, g.OutChannels);
        var outputGradient = ReferenceGemm.Random(random, (int)g.OutputLength);
        var filterTerms = g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth;

        var output = Filled((int)g.OutputLength);
        Convolution.Forward(g, input, weight, bias, output, options);
        ReferenceConvolution.AssertClose(ReferenceConvolution.Forward(g, input, weight, bias), output, filterTerms, "output");

        Convolution.Forward(g, input, weight, [], output, options);
        ReferenceConvolution.AssertClose(ReferenceConvolution.Forward(g, input, weight, null), output, filterTerms, "unbiased output");

        var inputGradient = Filled((int)g.InputLength);
        Convolution.BackwardInput(g, outputGradient, weight, inputGradient, options);
        ReferenceConvolution.AssertClose(ReferenceConvolution.BackwardInput(g, outputGradient, weight), inputGradient, g.OutChannelsPerGroup * g.KernelHeight * g.KernelWidth, "input gradient");

        var weightGradient = Filled((int)g.WeightLength);
        Convolution.BackwardWeight(g, input, outputGradient, weightGradient, options);
        ReferenceConvolution.AssertClose(ReferenceConvolution.BackwardWeight(g, input, outputGradient), weightGradient, g.Batch * g.OutHeight * g.OutWidth, "weight gradient");

        var bothInput = Filled((int)g.InputLength);
        var bothWeight = Filled((int)g.WeightLength);
        Convolution.Backward(g, input, outputGradient, weight, bothInput, bothWeight, options);
        ReferenceConvolution.AssertClose(ReferenceConvolution.BackwardInput(g, outputGradient, weight), bothInput, g.OutChannelsPerGroup * g.KernelHeight * g.KernelWidth, "input gradient of the joint pass");
        ReferenceConvolution.AssertClose(ReferenceConvolution.BackwardWeight(g, input, outputGradient), bothWeight, g.Batch * g.OutHeight * g.OutWidth, "weight gradient of the joint pass");

        var biasGradient = Filled(g.OutChannels);
        Convolution.BackwardBias(g, outputGradient, biasGradient, options);
        var positions = g.OutHeight * g.OutWidth;
        var expectedBias = new double[g.OutChannels];
        for (var i = 0; i < outputGradient.Length; i++)
        {
            expectedBias[i / positions % g.OutChannels] += outputGradient[i];
        }
        ReferenceConvolution.AssertClose(expectedBias, biasGradient, g.Batch * positions, "bias gradient");
    }

    [Theory]
    [MemberData(nameof(KernelVariants.Available), MemberType = typeof(KernelVariants))]
    public void Gradients_agree_with_finite_differences(KernelVariant variant)
    {
        var options = new EngineOptions { Kernels = variant, Threads = 2 };
        foreach (var g in new ConvGeometry[]
        {
            new(2, 4, 5, 6, 4, 3, 2) { Groups = 2, StrideHeight = 2, PadTop = 1, PadRight = 1 },
            new(1, 3, 6, 7, 3, 3, 3) { Groups = 3, StrideWidth = 2, DilationHeight = 2, PadLeft = 1, PadBottom = 2 },
        })
        {
            var random = new Random(3);
            var input = ReferenceGemm.Random(random, (int)g.InputLength);
            var weight = ReferenceGemm.Random(random, (int)g.WeightLength);
            // The loss is Σ output * upstream, so its gradient with respect to the output is upstream.
            var upstream = ReferenceGemm.Random(random, (int)g.OutputLength);
            var inputGradient = new float[g.InputLength];
            var weightGradient = new float[g.WeightLength];
            Convolution.BackwardInput(g, upstream, weight, inputGradient, options);
            Convolution.BackwardWeight(g, input, upstream, weightGradient, options);
            for (var i = 0; i < input.Length; i++)
            {
                AssertMatchesDifference(inputGradient[i], input, i, () => Loss(g, input, weight, upstream, options), $"dX[{i}]");
            }
            for (var i = 0; i < weight.Length; i++)
            {
                AssertMatchesDifference(weightGradient[i], weight, i, () => Loss(g, input, weight, upstream, options), $"dW[{i}]");
            }
        }
    }

    [Fact]
    public void Winograd_takes_3x3_stride_1_layers_with_more_than_16_channels_each_way()
    {
        var options = new EngineOptions();
        foreach (var (name, g) in Geometries)
        {
            Assert.Equal(name.StartsWith("Winograd", StringComparison.Ordinal), Convolution.UsesWinograd(g, options));
        }
        Assert.False(Convolution.UsesWinograd(new ConvGeometry(8, 16, 28, 28, 16, 3, 3), options));
        Assert.False(Convolution.UsesWinograd(new ConvGeometry(8, 32, 28, 28, 32, 3, 3) { StrideHeight = 2, StrideWidth = 2 }, options));
        Assert.False(Convolution.UsesWinograd(new ConvGeometry(8, 32, 28, 28, 32, 3, 3) { Groups = 2 }, options));
        Assert.False(Convolution.UsesWinograd(new ConvGeometry(8, 32, 28, 28, 32, 3, 3) { PadTop = 3 }, options));
    }

    [Fact]
    public void Output_size_follows_the_usual_formula()
    {
        Assert.Equal(26, Convolution.OutputSize(28, 3));
        Assert.Equal(14, Convolution.OutputSize(28, 3, stride: 2, padBefore: 1, padAfter: 1));
        Assert.Equal(24, Convolution.OutputSize(28, 3, dilation: 2));
        Assert.Equal(15, Convolution.OutputSize(28, 1, stride: 2, padBefore: 0, padAfter: 1));
        var g = new ConvGeometry(1, 1, 28, 20, 1, 3, 5) { StrideWidth = 2, PadLeft = 2, PadRight = 1 };
        Assert.Equal((26, 10), (g.OutHeight, g.OutWidth));
    }

    [Fact]
    public void Rejects_inconsistent_geometry_and_wrong_lengths()
    {
        var g = new ConvGeometry(1, 3, 5, 5, 4, 3, 3);
        var options = new EngineOptions();
        Assert.Throws<ArgumentException>(() => Convolution.Forward(g with { Groups = 2 }, new float[75], new float[54], [], new float[36], options));
        var error = Assert.Throws<ArgumentException>(() => Convolution.Forward(g with { StrideWidth = 0 }, new float[75], new float[108], [], new float[36], options));
        Assert.Contains("strides must be > 0", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Convolution.Forward(g with { KernelHeight = 7 }, new float[75], new float[252], [], new float[4], options));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(g, new float[74], new float[108], [], new float[36], options));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(g, new float[75], new float[108], new float[3], new float[36], options));
        Assert.Throws<ArgumentException>(() => Convolution.BackwardWeight(g, new float[75], new float[36], new float[107], options));
    }

    private static double Loss(ConvGeometry g, float[] input, float[] weight, float[] upstream, EngineOptions options)
    {
        var output = new float[g.OutputLength];
        Convolution.Forward(g, input, weight, [], output, options);
        double loss = 0;
        for (var i = 0; i < output.Length; i++)
        {
            loss += (double)output[i] * upstream[i];
        }
        return loss;
    }

    private static void AssertMatchesDifference(float analytic, float[] values, int index, Func<double> loss, string what)
    {
        // The loss is linear in each value, so a central difference has no truncation error; only rounding.
        const float Step = 0.05f;
        var saved = values[index];
        values[index] = saved + Step;
        var up = loss();
        values[index] = saved - Step;
        var down = loss();
        values[index] = saved;
        var numeric = (up - down) / (2 * Step);
        Assert.True(Math.Abs(numeric - analytic) <= 2e-3 * Math.Max(1, Math.Abs(numeric)), $"{what}: analytic {analytic}, finite difference {numeric}");
    }

    private static float[] Filled(int length) => Enumerable.Repeat(float.NaN, length).ToArray();
}
