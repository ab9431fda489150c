using Shears.Engine;
using Shears.IR;
using Shears.Models;
using Shears.Preprocessing;

namespace Shears.Tests.Preprocessing;

public sealed class InputNormalizationFoldingTests
{
    [Fact]
    public void The_mlp_folded_gives_the_same_logits_on_raw_pixels_with_two_nodes_fewer()
    {
        var model = InGraphNormalization.Prepend(ModelZoo.Build(Architecture.Mlp, seed: 3), new InputStatistics([0.286f], [0.353f]));
        Assert.True(InputNormalizationFolding.TryApply(model, out var folded));
        Assert.Equal(model.Graph.Nodes.Count - 2, folded.Graph.Nodes.Count);
        Assert.DoesNotContain(folded.Graph.Nodes, n => n.OpType is "Sub" or "Div");
        Assert.DoesNotContain(folded.Graph.Initializers.Keys, InGraphNormalization.IsNormalizationConstant);
        Assert.True(InputSpec.Read(folded)!.NormalizesInGraph);
        var raw = Pixels(3 * 28 * 28, seed: 1);
        AssertClose(Run(model, raw, [3, 1, 28, 28]), Run(folded, raw, [3, 1, 28, 28]));
        Assert.Equal(2, model.Graph.Nodes.Count(n => n.OpType is "Sub" or "Div"));
    }

    [Fact]
    public void Per_channel_statistics_fold_into_an_unpadded_conv_and_into_a_gemm_after_flatten()
    {
        var statistics = new InputStatistics([0.1f, 0.5f, 0.9f], [0.2f, 0.4f, 0.8f]);
        foreach (var flatten in new[] { false, true })
        {
            var b = new GraphBuilder();
            var x = b.Input("x", 1, 3, 5, 5);
            var rng = new Random(7);
            float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5))];
            var y = flatten
                ? b.Add("Gemm", [b.Add("Flatten", [x]), b.Initializer("w", [4, 75], Values(300)), b.Initializer("c", [4], Values(4))], NodeAttribute.Of("transB", 1L), NodeAttribute.Of("alpha", 0.5f))
                : b.Add("Conv", [x, b.Initializer("w", [4, 3, 3, 3], Values(108)), b.Initializer("c", [4], Values(4))], NodeAttribute.Of("kernel_shape", 3L, 3L));
            b.Output(y);
            var model = InGraphNormalization.Prepend(b.ToModel(), statistics);
            Assert.True(InputNormalizationFolding.TryApply(model, out var folded));
            var raw = Pixels(2 * 75, seed: 2);
            AssertClose(Run(model, raw, [2, 3, 5, 5]), Run(folded, raw, [2, 3, 5, 5]));
        }
    }

    [Fact]
    public void The_cnn_folds_too()
    {
        var model = InGraphNormalization.Prepend(ModelZoo.Build(Architecture.Cnn, seed: 1), new InputStatistics([0.3f], [0.4f]));
        Assert.True(InputNormalizationFolding.TryApply(model, out var folded));
        var raw = Pixels(2 * 28 * 28, seed: 4);
        AssertClose(Run(model, raw, [2, 1, 28, 28]), Run(folded, raw, [2, 1, 28, 28]));
    }

    [Fact]
    public void A_padded_first_conv_or_a_model_without_normalisation_is_left_as_it_is()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 1, 5, 5);
        b.Output(b.Add("Conv", [x, b.Initializer("w", [2, 1, 3, 3], new float[18])], NodeAttribute.Of("kernel_shape", 3L, 3L), NodeAttribute.Of("pads", 1L, 1L, 1L, 1L)));
        var padded = InGraphNormalization.Prepend(b.ToModel(), new InputStatistics([0.3f], [0.4f]));
        Assert.False(InputNormalizationFolding.TryApply(padded, out var unchanged));
        Assert.Same(padded, unchanged);
        var plain = ModelZoo.Build(Architecture.Mlp);
        Assert.Same(plain, InputNormalizationFolding.Apply(plain));
    }

    private static float[] Pixels(int count, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => rng.Next(256) / 255f)];
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"element {i}: {expected[i]} against {actual[i]}");
        }
    }

    private static float[] Run(Model model, float[] input, int[] shape)
    {
        var name = model.Graph.RuntimeInputs.Single().Name;
        var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { [name] = shape });
        input.CopyTo(plan.Input(name).Floats, 0);
        plan.Forward();
        return plan.Output(model.Graph.Outputs[0].Name).Span.ToArray();
    }
}
