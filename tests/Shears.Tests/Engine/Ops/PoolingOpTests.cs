using Shears.IR;

namespace Shears.Tests.Engine.Ops;

public sealed class PoolingOpTests
{
    private static NodeAttribute Ints(string name, params long[] values) => NodeAttribute.Of(name, values);

    private static NodeAttribute Int(string name, long value) => NodeAttribute.Of(name, value);

    /// <summary>Distinct values 0.05 apart in shuffled order, so finite differences never change which tap wins a max.</summary>
    private static float[] Distinct(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).OrderBy(_ => random.Next()).Select(i => (i - (count / 2)) * 0.05f)];
    }

    private static Model Pool(string op, long[] shape, params NodeAttribute[] attributes)
    {
        var b = new GraphBuilder();
        b.Output(b.Add(op, [b.Input("x", shape)], attributes));
        return b.ToModel();
    }

    public static TheoryData<string, NodeAttribute[]> WindowCases() => new()
    {
        { "resnet stem", [Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)] },
        { "ceil mode", [Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Int("ceil_mode", 1)] },
        { "ceil mode padded", [Ints("kernel_shape", 2, 3), Ints("strides", 2, 2), Ints("pads", 1, 0, 0, 1), Int("ceil_mode", 1)] },
        { "asymmetric pads", [Ints("kernel_shape", 2, 2), Ints("pads", 0, 1, 1, 0)] },
        { "same upper", [Ints("kernel_shape", 3, 2), Ints("strides", 2, 1), NodeAttribute.Of("auto_pad", "SAME_UPPER")] },
        { "same lower", [Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), NodeAttribute.Of("auto_pad", "SAME_LOWER")] },
        { "valid", [Ints("kernel_shape", 2, 3), NodeAttribute.Of("auto_pad", "VALID")] },
    };

    [Theory]
    [MemberData(nameof(WindowCases))]
    public void Max_and_average_pooling_match_ort(string name, NodeAttribute[] attributes)
    {
        Assert.NotEmpty(name);
        EngineVsOrt.AssertSame(Pool("MaxPool", [2, 3, 7, 6], attributes));
        EngineVsOrt.AssertSame(Pool("AveragePool", [2, 3, 7, 6], attributes));
        EngineVsOrt.AssertSame(Pool("AveragePool", [2, 3, 7, 6], [.. attributes, Int("count_include_pad", 1)]));
    }

    [Theory]
    [InlineData(9, 13)]
    [InlineData(26, 26)]
    [InlineData(3, 8)]
    public void Paired_max_pooling_matches_ort_with_indices(int height, int width)
    {
        var b = new GraphBuilder();
        var outputs = b.AddMany("MaxPool", [b.Input("x", 2, 3, height, width)], 2, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        b.Output(outputs[0]);
        b.Output(outputs[1], DataType.Int64);
        EngineVsOrt.AssertSame(b.ToModel(), new Dictionary<string, Array> { ["x"] = Distinct(6 * height * width, height) });
    }

    [Fact]
    public void Paired_max_pooling_breaks_ties_like_the_scalar_path()
    {
        // Few distinct values: most windows hold ties, and the first maximum in row-major order must win.
        var random = new Random(3);
        var values = Enumerable.Range(0, 2 * 4 * 10 * 14).Select(_ => (float)random.Next(3)).ToArray();
        values[5] = float.NaN;
        var model = Pool("MaxPool", [2, 4, 10, 14], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        var (vectorOutput, vectorGradient) = RunWithGradient(model, values, new Shears.Engine.EngineOptions());
        var (scalarOutput, scalarGradient) = RunWithGradient(model, values, new Shears.Engine.EngineOptions { Kernels = Shears.Engine.Kernels.KernelVariant.Scalar });
        Assert.Equal(scalarOutput, vectorOutput);
        Assert.Equal(scalarGradient, vectorGradient);
    }

    private static (float[] Output, float[] InputGradient) RunWithGradient(Model model, float[] values, Shears.Engine.EngineOptions options)
    {
        var plan = Shears.Engine.ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["x"] = [2, 4, 10, 14] }, Shears.Engine.ExecutionMode.Training, inputsWithGradients: ["x"], engine: options);
        values.CopyTo(plan.Input("x").Floats, 0);
        plan.Forward();
        var output = plan.Output(model.Graph.Outputs[0].Name).Floats.ToArray();
        var seed = Enumerable.Range(0, output.Length).Select(i => 1f + i).ToArray();
        plan.Backward(new Dictionary<string, float[]> { [model.Graph.Outputs[0].Name] = seed });
        return (output, plan.Gradient("x")!.Floats.ToArray());
    }

    [Fact]
    public void Max_pooling_with_dilation_matches_ort()
    {
        EngineVsOrt.AssertSame(Pool("MaxPool", [1, 2, 9, 8], Ints("kernel_shape", 2, 3), Ints("dilations", 2, 2), Ints("strides", 1, 2), Ints("pads", 1, 1, 0, 2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Max_pooling_indices_match_ort(long storageOrder)
    {
        var b = new GraphBuilder();
        var outputs = b.AddMany("MaxPool", [b.Input("x", 2, 3, 5, 4)], 2, Ints("kernel_shape", 2, 2), Ints("strides", 2, 1), Ints("pads", 0, 1, 1, 0), Int("storage_order", storageOrder));
        b.Output(outputs[0]);
        b.Output(outputs[1], DataType.Int64);
        EngineVsOrt.AssertSame(b.ToModel(), new Dictionary<string, Array> { ["x"] = Distinct(120, 1) });
    }

    [Fact]
    public void One_and_three_dimensional_pooling_match_ort()
    {
        EngineVsOrt.AssertSame(Pool("MaxPool", [2, 3, 11], Ints("kernel_shape", 3), Ints("strides", 2), Ints("pads", 1, 0), Int("ceil_mode", 1)));
        EngineVsOrt.AssertSame(Pool("AveragePool", [2, 3, 11], Ints("kernel_shape", 4), Ints("strides", 3), Ints("pads", 2, 1), Int("count_include_pad", 1)));
        EngineVsOrt.AssertSame(Pool("MaxPool", [1, 2, 5, 4, 6], Ints("kernel_shape", 2, 3, 2), Ints("strides", 2, 1, 2), Ints("pads", 0, 1, 1, 1, 0, 0)));
        EngineVsOrt.AssertSame(Pool("AveragePool", [1, 2, 5, 4, 6], Ints("kernel_shape", 3, 2, 2), Ints("strides", 2, 2, 1), Ints("pads", 1, 0, 1, 1, 1, 0), Int("ceil_mode", 1)));
    }

    [Theory]
    [InlineData("GlobalAveragePool")]
    [InlineData("GlobalMaxPool")]
    public void Global_pooling_matches_ort(string op)
    {
        EngineVsOrt.AssertSame(Pool(op, [2, 3, 4, 5]));
        EngineVsOrt.AssertSame(Pool(op, [2, 3, 7]));
        EngineVsOrt.AssertSame(Pool(op, [1, 2, 3, 2, 4]));
    }

    [Theory]
    [MemberData(nameof(WindowCases))]
    public void Max_pooling_gradient(string name, NodeAttribute[] attributes)
    {
        Assert.NotEmpty(name);
        GradientCheck.Verify(Pool("MaxPool", [1, 2, 7, 6], attributes), new Dictionary<string, float[]> { ["x"] = Distinct(84, 2) }, samplesPerTensor: 84);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    public void Average_pooling_gradient(long includePad, long ceilMode)
    {
        var model = Pool("AveragePool", [1, 2, 7, 6], Ints("kernel_shape", 3, 2), Ints("strides", 2, 2), Ints("pads", 1, 0, 1, 1),
            Int("count_include_pad", includePad), Int("ceil_mode", ceilMode));
        GradientCheck.Verify(model, new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(84, 3) }, samplesPerTensor: 84);
    }

    [Fact]
    public void Dilated_and_three_dimensional_pooling_gradients()
    {
        GradientCheck.Verify(Pool("MaxPool", [1, 1, 8, 7], Ints("kernel_shape", 2, 2), Ints("dilations", 2, 3), Ints("pads", 1, 1, 0, 1)),
            new Dictionary<string, float[]> { ["x"] = Distinct(56, 4) }, samplesPerTensor: 56);
        GradientCheck.Verify(Pool("AveragePool", [1, 1, 4, 3, 5], Ints("kernel_shape", 2, 2, 3), Ints("strides", 2, 1, 2), Ints("pads", 1, 0, 1, 0, 1, 1)),
            new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(60, 5) }, samplesPerTensor: 60);
    }

    [Theory]
    [InlineData("GlobalAveragePool")]
    [InlineData("GlobalMaxPool")]
    public void Global_pooling_gradient(string op)
    {
        GradientCheck.Verify(Pool(op, [2, 3, 2, 3]), new Dictionary<string, float[]> { ["x"] = Distinct(36, 6) }, samplesPerTensor: 36);
    }
}
