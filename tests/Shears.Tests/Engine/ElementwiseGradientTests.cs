using Shears.IR;

namespace Shears.Tests.Engine;

public sealed class ElementwiseGradientTests
{
    private static Model Unary(string op, params NodeAttribute[] attributes)
    {
        var b = new GraphBuilder();
        var y = b.Add(op, [b.Input("x", 3, 5)], attributes);
        b.Output(y);
        return b.ToModel();
    }

    [Theory]
    [InlineData("Relu")]
    [InlineData("LeakyRelu")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    [InlineData("Exp")]
    [InlineData("Erf")]
    [InlineData("Gelu")]
    [InlineData("HardSigmoid")]
    [InlineData("HardSwish")]
    [InlineData("Softplus")]
    [InlineData("Elu")]
    [InlineData("Neg")]
    [InlineData("Abs")]
    public void Unary_gradient_matches_finite_differences(string op)
    {
        // Inputs away from kinks (0 for Relu/Abs, ±3 for HardSwish, ±2.5 for HardSigmoid).
        var x = GradientCheck.RandomData(15, 3, 2f).Select(v => Math.Abs(v) < 0.1f ? v + 0.3f : v).ToArray();
        GradientCheck.Verify(Unary(op), new Dictionary<string, float[]> { ["x"] = x });
    }

    [Fact]
    public void Positive_domain_ops_have_correct_gradients()
    {
        var x = GradientCheck.RandomData(15, 4).Select(v => Math.Abs(v) + 0.5f).ToArray();
        foreach (var op in new[] { "Log", "Sqrt", "Reciprocal" })
        {
            GradientCheck.Verify(Unary(op), new Dictionary<string, float[]> { ["x"] = x });
        }
    }

    [Fact]
    public void Gelu_tanh_approximation_gradient()
    {
        GradientCheck.Verify(Unary("Gelu", NodeAttribute.Of("approximate", "tanh")), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(15, 5, 2f) });
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Sub")]
    [InlineData("Mul")]
    [InlineData("Div")]
    [InlineData("Max")]
    [InlineData("Min")]
    public void Broadcasting_binary_gradients_sum_over_repeated_axes(string op)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4);
        var w = b.Initializer(Tensor.FromFloats("w", [3, 1], [1.5f, -0.7f, 2.2f]));
        var y = b.Add(op, [x, w]);
        b.Output(y);
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 6) });
    }

    [Fact]
    public void Pow_gradient_for_base_and_exponent()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3);
        var e = b.Initializer(Tensor.FromFloats("e", [3], [2f, 1.5f, 3f]));
        b.Output(b.Add("Pow", [x, e]));
        var data = GradientCheck.RandomData(6, 8).Select(v => Math.Abs(v) + 0.5f).ToArray();
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["x"] = data });
    }
}
