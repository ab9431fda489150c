using Shears.Engine;
using Shears.IR;
using Shears.Tests.Engine.Ops;

namespace Shears.Tests.Engine;

public sealed class PlanRewritesTests
{
    private static readonly long[] Shape = [2, 3, 9, 8];

    /// <summary>x → Relu → MaxPool (3×3, stride 2, padded); with <paramref name="exposeRelu"/> the Relu's output is a graph output too, which keeps the order.</summary>
    private static Model ReluThenPool(bool exposeRelu)
    {
        var b = new GraphBuilder();
        var rectified = b.Add("Relu", [b.Input("x", Shape)]);
        b.Output(b.Add("MaxPool", [rectified], NodeAttribute.Of("kernel_shape", [3L, 3L]), NodeAttribute.Of("strides", [2L, 2L]), NodeAttribute.Of("pads", [1L, 1L, 1L, 1L])));
        if (exposeRelu)
        {
            b.Output(rectified);
        }
        return b.ToModel();
    }

    private static (ExecutionPlan Plan, float[] Output, float[] Gradient) Run(Model model, float[] x)
    {
        var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["x"] = [.. Shape.Select(d => (int)d)] }, ExecutionMode.Training, inputsWithGradients: ["x"]);
        x.CopyTo(plan.Input("x").Floats, 0);
        plan.Forward();
        var name = model.Graph.Outputs[0].Name;
        var output = plan.Output(name).Floats.ToArray();
        plan.Backward(new Dictionary<string, float[]> { [name] = [.. Enumerable.Range(0, output.Length).Select(i => 1f + i)] });
        return (plan, output, plan.Gradient("x")!.Floats.ToArray());
    }

    [Fact]
    public void Relu_before_max_pooling_runs_after_it_with_the_same_output_and_gradient()
    {
        var random = new Random(5);
        // Mostly negative windows too, where the swapped Relu must stop the gradient the same way.
        var x = Enumerable.Range(0, (int)Shape.Aggregate((a, b) => a * b)).Select(_ => (float)Math.Round(random.NextDouble() - 0.7, 2)).ToArray();
        var (swapped, output, gradient) = Run(ReluThenPool(exposeRelu: false), x);
        var (kept, expectedOutput, expectedGradient) = Run(ReluThenPool(exposeRelu: true), x);

        Assert.Equal(["MaxPool", "Relu"], swapped.Executors.Select(k => k.Op));
        Assert.Equal(["Relu", "MaxPool"], kept.Executors.Select(k => k.Op));
        Assert.Equal(expectedOutput, output);
        Assert.Equal(expectedGradient, gradient);
        Assert.Contains(gradient, g => g != 0f);
    }

    /// <summary>x [rows, 70] → Gemm with a constant weight (transB, K = 530: two depth blocks) → Relu → Gemm.</summary>
    private static Model GemmReluGemm(int rows)
    {
        var b = new GraphBuilder();
        var random = new Random(rows);
        float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5))];
        var hidden = b.Add("Gemm", [b.Input("x", rows, 530), b.Initializer("w1", [40, 530], Values(40 * 530)), b.Initializer("b1", [40], Values(40))], NodeAttribute.Of("transB", 1L));
        b.Output(b.Add("Gemm", [b.Add("Relu", [hidden]), b.Initializer("w2", [40, 24], Values(40 * 24))]));
        return b.ToModel();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(150)]
    public void Inference_folds_a_relu_into_the_gemm_before_it_and_matches_ort(int rows)
    {
        var model = GemmReluGemm(rows);
        var shapes = new Dictionary<string, int[]> { ["x"] = [rows, 530] };
        Assert.Equal(["Gemm", "Gemm"], ExecutionPlan.Compile(model, shapes).Executors.Select(k => k.Op));
        Assert.Equal(["Gemm", "Relu", "Gemm"], ExecutionPlan.Compile(model, shapes, ExecutionMode.Training).Executors.Select(k => k.Op));
        EngineVsOrt.AssertSame(model, tolerance: 1e-4);
    }

    [Fact]
    public void The_reordered_plan_matches_ort()
    {
        EngineVsOrt.AssertSame(ReluThenPool(exposeRelu: false));
    }
}
