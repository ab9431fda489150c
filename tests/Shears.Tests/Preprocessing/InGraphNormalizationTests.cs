using Shears.Engine;
using Shears.IR;
using Shears.Models;
using Shears.Preprocessing;

namespace Shears.Tests.Preprocessing;

public sealed class InGraphNormalizationTests
{
    [Fact]
    public void A_normalised_model_on_raw_input_gives_the_original_on_normalised_input()
    {
        var original = ModelZoo.Build(Architecture.Cnn, seed: 4);
        var statistics = new InputStatistics([0.3f], [0.4f]);
        var normalised = InGraphNormalization.Prepend(original, statistics);

        var raw = new float[2 * 28 * 28];
        var rng = new Random(5);
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = rng.Next(256) / 255f;
        }
        var expected = Run(original, raw.Select(v => (v - 0.3f) / 0.4f).ToArray(), [2, 1, 28, 28]);
        var actual = Run(normalised, raw, [2, 1, 28, 28]);
        Assert.Equal(expected, actual);
        Assert.Equal(["Sub", "Div"], normalised.Graph.Nodes.Take(2).Select(n => n.OpType));
        Assert.DoesNotContain("Sub", original.Graph.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void Per_channel_statistics_broadcast_along_the_channel_axis_of_either_layout()
    {
        foreach (var channelsLast in new[] { false, true })
        {
            var b = new GraphBuilder();
            long[] dims = channelsLast ? [1, 2, 2, 3] : [1, 3, 2, 2];
            var x = b.Input("x", dims);
            b.Output(b.Add("Identity", [x]));
            var model = InGraphNormalization.Prepend(b.ToModel(), new InputStatistics([1f, 2f, 3f], [1f, 2f, 4f]));
            var input = Enumerable.Repeat(5f, 12).ToArray();
            var output = Run(model, input, [.. dims.Select(d => (int)d)]);
            for (var i = 0; i < 12; i++)
            {
                var channel = channelsLast ? i % 3 : i / 4;
                Assert.Equal((5f - (channel + 1)) / new[] { 1f, 2f, 4f }[channel], output[i]);
            }
            Assert.Equal(channelsLast ? InputLayoutKind.ChannelsLast : InputLayoutKind.ChannelsFirst, InputSpec.Read(model)!.Layout);
        }
    }

    [Fact]
    public void The_constants_are_not_trained_and_the_spec_is_in_the_metadata()
    {
        var model = InGraphNormalization.Prepend(ModelZoo.Build(Architecture.Mlp), new InputStatistics([0.25f], [0.5f]));
        var store = new ParameterStore(model);
        Assert.DoesNotContain(store.Trainable, InGraphNormalization.IsNormalizationConstant);
        Assert.Contains("fc1.weight", store.Trainable);
        var spec = InputSpec.Read(model)!;
        Assert.Equal(new InputSpec
        {
            InputName = "input",
            Layout = InputLayoutKind.ChannelsFirst,
            Channels = 1,
            Height = 28,
            Width = 28,
            Mean = spec.Mean,
            StandardDeviation = spec.StandardDeviation,
        }, spec);
        Assert.Equal([0.25f], spec.Mean);
        Assert.Equal([0.5f], spec.StandardDeviation);
        Assert.Contains("values in [0, 1]", spec.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_is_normalised_once_and_channel_counts_must_agree()
    {
        var once = InGraphNormalization.Prepend(ModelZoo.Build(Architecture.Mlp), new InputStatistics([0f], [1f]));
        Assert.Contains("already", Assert.Throws<ShearsException>(() => InGraphNormalization.Prepend(once, new InputStatistics([0f], [1f]))).Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<ShearsException>(() => InGraphNormalization.Prepend(ModelZoo.Build(Architecture.Cnn), new InputStatistics([0f, 0f, 0f], [1f, 1f, 1f])));
        Assert.Contains("1 channels but the statistics have 3", wrong.Message, StringComparison.Ordinal);
    }

    private static float[] Run(Model model, float[] input, int[] shape)
    {
        var name = model.Graph.RuntimeInputs.Single().Name;
        var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { [name] = shape });
        input.CopyTo(plan.Input(name).Floats, 0);
        plan.Forward();
        var output = plan.Output(model.Graph.Outputs[0].Name);
        return output.Span.ToArray();
    }
}
