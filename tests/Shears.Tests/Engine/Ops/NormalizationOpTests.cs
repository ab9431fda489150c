using Shears.Engine;
using Shears.IR;

namespace Shears.Tests.Engine.Ops;

public sealed class NormalizationOpTests
{
    private static Tensor Positive(string name, int seed, int count) =>
        Tensor.FromFloats(name, [count], GradientCheck.RandomData(count, seed).Select(v => 0.5f + Math.Abs(v)).ToArray());

    private static Model BatchNorm(int[] shape, int opset = 15, int extraOutputs = 0, float momentum = 0.9f)
    {
        var b = new GraphBuilder();
        var channels = shape[1];
        var x = b.Input("x", [.. shape.Select(d => (long)d)]);
        var inputs = new[]
        {
            x,
            b.Initializer(GradientCheck.RandomWeight("scale", 1, channels)),
            b.Initializer(GradientCheck.RandomWeight("bias", 2, channels)),
            b.Initializer(Tensor.FromFloats("running_mean", [channels], GradientCheck.RandomData(channels, 3, 0.3f))),
            b.Initializer(Positive("running_var", 4, channels)),
        };
        var outputs = b.AddMany("BatchNormalization", inputs, 1 + extraOutputs, NodeAttribute.Of("epsilon", 1e-3f), NodeAttribute.Of("momentum", momentum));
        foreach (var output in outputs)
        {
            b.Output(output);
        }
        return b.ToModel(opset);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(15)]
    public void Batch_norm_inference_matches_ort(int opset)
    {
        EngineVsOrt.AssertSame(BatchNorm([2, 3, 4, 5], opset));
        EngineVsOrt.AssertSame(BatchNorm([4, 3], opset));
    }

    [Fact]
    public void Batch_norm_training_normalises_with_batch_statistics_and_updates_running_ones()
    {
        var model = BatchNorm([3, 2, 2, 3], extraOutputs: 2, momentum: 0.8f);
        var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["x"] = [3, 2, 2, 3] }, ExecutionMode.Training);
        var x = GradientCheck.RandomData(36, 5, 3f);
        x.CopyTo(plan.Input("x").Floats, 0);
        var scale = model.Graph.Initializers["scale"].ToFloats();
        var bias = model.Graph.Initializers["bias"].ToFloats();
        var runningMean = model.Graph.Initializers["running_mean"].ToFloats();
        var runningVar = model.Graph.Initializers["running_var"].ToFloats();

        plan.Forward();

        var y = plan.Output(plan.OutputNames[0]).Floats;
        for (var c = 0; c < 2; c++)
        {
            var values = Enumerable.Range(0, 3).SelectMany(n => Enumerable.Range(0, 6).Select(i => (double)x[(((n * 2) + c) * 6) + i])).ToArray();
            var mean = values.Average();
            var biased = values.Select(v => (v - mean) * (v - mean)).Sum() / values.Length;
            var unbiased = biased * values.Length / (values.Length - 1);
            for (var n = 0; n < 3; n++)
            {
                for (var i = 0; i < 6; i++)
                {
                    var at = (((n * 2) + c) * 6) + i;
                    var expected = ((x[at] - mean) / Math.Sqrt(biased + 1e-3) * scale[c]) + bias[c];
                    Assert.Equal(expected, y[at], 4);
                }
            }
            // running = running·momentum + batch·(1 − momentum), with the unbiased batch variance.
            Assert.Equal((runningMean[c] * 0.8) + (mean * 0.2), plan.Output(plan.OutputNames[1]).Floats[c], 5);
            Assert.Equal((runningVar[c] * 0.8) + (unbiased * 0.2), plan.Output(plan.OutputNames[2]).Floats[c], 5);
            Assert.Equal(plan.Output(plan.OutputNames[2]).Floats[c], plan.Parameters.Value("running_var").Floats[c]);
        }
    }

    [Fact]
    public void Batch_norm_training_gradients_for_input_scale_and_bias()
    {
        GradientCheck.Verify(BatchNorm([3, 2, 2, 2]), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 6, 2f) }, samplesPerTensor: 24);
        GradientCheck.Verify(BatchNorm([5, 3]), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(15, 7, 2f) }, samplesPerTensor: 15);
    }

    [Fact]
    public void Batch_norm_inference_form_gradient_treats_running_statistics_as_constants()
    {
        SingleExecutorGradient.Verify(BatchNorm([2, 3, 2, 2]), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 8, 2f) }, ExecutionMode.Inference,
            constants: ["running_mean", "running_var"]);
    }

    private static Model LayerNorm(long[] shape, long axis, bool bias, int statistics = 0)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", shape);
        var normalized = shape[(int)(axis < 0 ? axis + shape.Length : axis)..];
        var inputs = new List<string> { x, b.Initializer(GradientCheck.RandomWeight("scale", 1, normalized)) };
        if (bias)
        {
            inputs.Add(b.Initializer(GradientCheck.RandomWeight("bias", 2, normalized)));
        }
        var outputs = b.AddMany("LayerNormalization", inputs, 1 + statistics, NodeAttribute.Of("axis", axis), NodeAttribute.Of("epsilon", 1e-4f));
        foreach (var output in outputs)
        {
            b.Output(output);
        }
        return b.ToModel(17);
    }

    [Theory]
    [InlineData(-1, true, 0)]
    [InlineData(-2, true, 2)]
    [InlineData(1, false, 2)]
    public void Layer_norm_matches_ort(long axis, bool bias, int statistics)
    {
        EngineVsOrt.AssertSame(LayerNorm([2, 3, 4, 5], axis, bias, statistics));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(-2, true)]
    [InlineData(-2, false)]
    public void Layer_norm_gradients_including_over_the_last_two_axes(long axis, bool bias)
    {
        GradientCheck.Verify(LayerNorm([2, 3, 4], axis, bias), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 9, 2f) }, samplesPerTensor: 24);
    }

    [Fact]
    public void Layer_norm_gradient_with_a_broadcast_scale()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4);
        b.Output(b.Add("LayerNormalization", [x, b.Initializer(GradientCheck.RandomWeight("scale", 1, 1, 4)), b.Initializer(GradientCheck.RandomWeight("bias", 2, 3, 1))],
            NodeAttribute.Of("axis", -2L)));
        GradientCheck.Verify(b.ToModel(17), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 10, 2f) }, samplesPerTensor: 24);
    }

    [Fact]
    public void Instance_norm_matches_ort()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4, 5);
        b.Output(b.Add("InstanceNormalization", [x, b.Initializer(GradientCheck.RandomWeight("s", 1, 3)), b.Initializer(GradientCheck.RandomWeight("b", 2, 3))],
            NodeAttribute.Of("epsilon", 1e-3f)));
        EngineVsOrt.AssertSame(b.ToModel());
    }
}
