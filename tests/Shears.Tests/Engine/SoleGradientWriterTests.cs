using Shears.Engine;
using Shears.IR;

namespace Shears.Tests.Engine;

/// <summary>An executor may store its input gradient only when nothing else adds into that buffer.</summary>
public sealed class SoleGradientWriterTests
{
    private static readonly long[] Shape = [2, 16, 6, 7];

    /// <summary>x → Conv, or x read by two identical Convs whose outputs are added (so x's gradient has two writers).</summary>
    private static Model Convolutions(bool twice)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", Shape);
        var random = new Random(2);
        var w = b.Initializer("w", [16, 16, 3, 3], [.. Enumerable.Range(0, 16 * 16 * 9).Select(_ => (float)(random.NextDouble() - 0.5))]);
        var pads = NodeAttribute.Of("pads", [1L, 1L, 1L, 1L]);
        var y = b.Add("Conv", [x, w], pads);
        b.Output(twice ? b.Add("Add", [y, b.Add("Conv", [x, w], pads)]) : y);
        return b.ToModel();
    }

    private static float[] Gradient(Model model)
    {
        var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["x"] = [.. Shape.Select(d => (int)d)] }, ExecutionMode.Training, inputsWithGradients: ["x"]);
        var random = new Random(4);
        var input = plan.Input("x").Floats;
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(random.NextDouble() - 0.5);
        }
        var output = model.Graph.Outputs[0].Name;
        var seed = Enumerable.Range(0, plan.Output(output).Length).Select(i => (float)Math.Sin(i)).ToArray();
        // Twice: a stored gradient must not carry over from the previous pass.
        for (var pass = 0; pass < 2; pass++)
        {
            plan.Forward();
            plan.Backward(new Dictionary<string, float[]> { [output] = seed });
        }
        return plan.Gradient("x")!.Floats.ToArray();
    }

    [Fact]
    public void Two_readers_add_their_gradients_and_a_lone_reader_stores_the_same_values()
    {
        var once = Gradient(Convolutions(twice: false));
        var sum = Gradient(Convolutions(twice: true));
        Assert.Contains(once, g => g != 0f);
        for (var i = 0; i < once.Length; i++)
        {
            Assert.Equal(2 * once[i], sum[i], 1e-5f);
        }
    }
}
