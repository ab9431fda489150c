using Shears.Models;

namespace Shears.OnnxRuntime.Tests;

/// <summary>
/// A session's outputs agree with the managed engine's forward pass on the built-in networks: same
/// output names, order and shapes, values within 1e-4 of the largest magnitude.
/// </summary>
public sealed class SessionVsEngineTests
{
    private const double Tolerance = 1e-4;

    // The built-in networks call their batch axis "batch"; the shape checks below catch a rename.
    private static readonly RandomInputOptions Batch3 = new()
    {
        Seed = 7,
        DimBindings = new Dictionary<string, long> { ["batch"] = 3 },
    };

    [Theory]
    [InlineData(Architecture.Mlp)]
    [InlineData(Architecture.Cnn)]
    [InlineData(Architecture.ResNet)]
    [InlineData(Architecture.Vit)]
    public void Session_outputs_match_the_engine(Architecture architecture)
    {
        var model = ModelZoo.Build(architecture, seed: 3);
        using var session = OnnxRuntimeSession.FromModel(model, new OnnxRuntimeOptions { IntraOpThreads = 1 });
        var inputs = RandomInputs.For(session, Batch3);

        var outputs = session.Run(inputs);
        var engine = EngineForward.Run(model, inputs);

        Assert.Equal(model.Graph.Outputs.Select(o => o.Name), outputs.Select(t => t.Name));
        foreach (var output in outputs)
        {
            var (shape, expected) = engine[output.Name];
            Assert.Equal(shape, output.Dims.ToArray());
            Assert.Equal(3, output.Dims[0]);
            AssertClose(output.Name, expected, output.ToFloats());
        }
    }

    [Theory]
    [InlineData(GraphOptimization.None)]
    [InlineData(GraphOptimization.Basic)]
    [InlineData(GraphOptimization.Extended)]
    [InlineData(GraphOptimization.All)]
    public void Every_optimisation_level_matches_the_engine(GraphOptimization level)
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 4);
        using var session = OnnxRuntimeSession.FromModel(model, new OnnxRuntimeOptions { IntraOpThreads = 1, Optimization = level });
        var inputs = RandomInputs.For(session, Batch3);
        var output = session.Run(inputs)[0];
        AssertClose(output.Name, EngineForward.Run(model, inputs)[output.Name].Values, output.ToFloats());
    }

    private static void AssertClose(string name, float[] engine, float[] ort)
    {
        Assert.Equal(engine.Length, ort.Length);
        var scale = ort.Max(v => Math.Abs((double)v));
        Assert.True(scale > 0, $"'{name}' is all zeros, so the comparison would prove nothing");
        var worst = engine.Zip(ort, (e, o) => Math.Abs((double)e - o)).Max();
        Assert.True(worst <= Tolerance * scale, $"'{name}': max |engine − ORT| = {worst:G3}, allowed {Tolerance * scale:G3}");
    }
}
