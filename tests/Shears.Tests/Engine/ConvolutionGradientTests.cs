using Shears.IR;
using Shears.Tests.Models;

namespace Shears.Tests.Engine;

public sealed class ConvolutionGradientTests
{
    [Theory]
    [InlineData(1, 1, 0, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(1, 2, 1, 1)]
    [InlineData(1, 1, 1, 2)]
    public void Conv_gradients_match_finite_differences(int stride, int dilation, int pad, int group)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 4, 7, 6);
        var w = b.Initializer(GradientCheck.RandomWeight("w", 1, 6, 4 / group, 3, 3));
        var bias = b.Initializer(GradientCheck.RandomWeight("bias", 2, 6));
        b.Output(b.Add("Conv", [x, w, bias], NodeAttribute.Of("strides", (long)stride, stride), NodeAttribute.Of("dilations", (long)dilation, dilation),
            NodeAttribute.Of("pads", (long)pad, pad, pad + 1, pad), NodeAttribute.Of("group", (long)group)));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(2 * 4 * 7 * 6, 3) });
    }

    [Fact]
    public void Depthwise_conv_gradients_match_finite_differences()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 5, 6, 6);
        var w = b.Initializer(GradientCheck.RandomWeight("w", 4, 5, 1, 3, 3));
        b.Output(b.Add("Conv", [x, w], NodeAttribute.Of("group", 5L), NodeAttribute.Of("pads", 1L, 1L, 1L, 1L)));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(180, 5) });
    }

    [Fact]
    public void Conv_transpose_gradients_match_finite_differences()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 3, 4, 4);
        var w = b.Initializer(GradientCheck.RandomWeight("w", 6, 3, 2, 3, 3));
        var bias = b.Initializer(GradientCheck.RandomWeight("bias", 7, 2));
        b.Output(b.Add("ConvTranspose", [x, w, bias], NodeAttribute.Of("strides", 2L, 2L), NodeAttribute.Of("pads", 1L, 1L, 1L, 1L), NodeAttribute.Of("output_padding", 1L, 1L)));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(48, 8) });
    }

    [Fact]
    public void Conv_transpose_and_conv1d_forward_match_onnx_runtime()
    {
        foreach (var (op, input, weight, attributes) in new (string, long[], long[], NodeAttribute[])[]
        {
            ("ConvTranspose", [2, 3, 5, 5], [3, 4, 3, 3], [NodeAttribute.Of("strides", 2L, 2L), NodeAttribute.Of("pads", 1L, 1L, 1L, 1L), NodeAttribute.Of("output_padding", 1L, 1L)]),
            ("ConvTranspose", [1, 4, 3, 3], [4, 1, 2, 2], [NodeAttribute.Of("group", 2L)]),
            ("Conv", [2, 3, 11], [5, 3, 3], [NodeAttribute.Of("strides", [2L]), NodeAttribute.Of("pads", 1L, 0L)]),
        })
        {
            var b = new GraphBuilder();
            var x = b.Input("input", input);
            b.Graph.Nodes.Add(new Node(op, [x, b.Initializer(GradientCheck.RandomWeight("w", 9, weight))], ["logits"], "op"));
            b.Graph.Nodes[0].Attributes.AddRange(attributes);
            b.Output("logits");
            var model = b.ToModel();
            var data = GradientCheck.RandomData((int)input.Aggregate(1L, (p, d) => p * d), 10);
            var expected = OrtHarness.Run(model, data, input).Values;
            var plan = Shears.Engine.ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["input"] = [.. input.Select(d => (int)d)] });
            data.CopyTo(plan.Input("input").Floats, 0);
            plan.Forward();
            var actual = plan.Output("logits").Floats;
            Assert.Equal(expected.Length, plan.Output("logits").Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-5f * (1 + MathF.Abs(expected[i])), $"{op} element {i}: {actual[i]} vs {expected[i]}");
            }
        }
    }
}
