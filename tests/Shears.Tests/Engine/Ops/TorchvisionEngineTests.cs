using System.Diagnostics;
using Shears.Engine;
using Shears.IR;
using Shears.Onnx;
using Shears.Testing;
using Xunit.Abstractions;

namespace Shears.Tests.Engine.Ops;

/// <summary>
/// Whole torchvision and Transformer exports run through <see cref="ExecutionPlan"/> and compared
/// with ONNX Runtime: the largest difference must stay within 1e-4 of the largest magnitude, for
/// the output and for the features entering the head (exports may carry zero-initialised heads,
/// which would make the output alone say nothing). A model that needs an operator the engine
/// lacks is skipped, naming the operator.
/// </summary>
[Trait("Category", "Interop")]
public sealed class TorchvisionEngineTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [SkippableTheory]
    [InlineData("transformer_encoder", 9)]
    [InlineData("transformer_encoder", 13)]
    [InlineData("transformer_encoder", 17)]
    [InlineData("resnet18", 13)]
    [InlineData("mobilenet_v2", 13)]
    [InlineData("densenet121", 13)]
    [InlineData("vit_b_16", 13)]
    public void Export_runs_on_the_engine_as_on_onnx_runtime(string name, int opset)
    {
        var path = Export(name, opset);
        var model = OnnxReader.Read(path);
        AddHeadInputsAsOutputs(model.Graph);
        var input = Assert.Single(model.Graph.RuntimeInputs);
        var shape = input.Shape!.ToArray().Select(d => (int)d).ToArray();
        Array data = input.ElementType == DataType.Int64
            ? TokenIds(ShapeOfCount(shape))
            : GradientCheck.RandomData(ShapeOfCount(shape), 5, 2f);
        var inputs = new Dictionary<string, Array> { [input.Name] = data };

        var clock = Stopwatch.StartNew();
        Dictionary<string, (int[] Shape, double[] Values)> engine;
        try
        {
            engine = EngineVsOrt.RunEngine(model, inputs);
        }
        catch (ShearsException e) when (e.Message.Contains("is not supported by the Shears engine", StringComparison.Ordinal))
        {
            var missing = model.Graph.Nodes.Select(n => n.OpType).Distinct().Where(op => op != "Constant" && !OpExecutorRegistry.Supported.Contains(op)).Order();
            throw new SkipTestException($"{name} needs operators the engine lacks: {string.Join(", ", missing)} ({e.Message})");
        }
        var engineTime = clock.Elapsed;
        clock.Restart();
        var reference = EngineVsOrt.RunOrt(model, inputs);
        output.WriteLine($"{name} opset {opset}: engine {engineTime.TotalMilliseconds:F0} ms (compile + run), ONNX Runtime {clock.Elapsed.TotalMilliseconds:F0} ms");

        foreach (var (outputName, (expectedShape, expected)) in reference)
        {
            var (actualShape, actual) = engine[outputName];
            Assert.Equal(expectedShape, actualShape);
            var scale = expected.Max(Math.Abs);
            Assert.True(scale > 0 || outputName == model.Graph.Outputs[0].Name, $"{name}: '{outputName}' is all zeros, so the comparison would prove nothing");
            var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            output.WriteLine($"  {outputName}: max |engine − ORT| = {worst:G3}, max |ORT| = {scale:G3}");
            Assert.True(worst <= Tolerance * Math.Max(scale, 1e-12), $"{name}: output '{outputName}' differs by {worst:G3} (allowed {Tolerance * scale:G3})");
        }
    }

    [SkippableTheory]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(17)]
    public void Transformer_export_trains_with_gradients_matching_finite_differences(int opset)
    {
        // Every weight (embedding, attention, LayerNorm or its decomposition, MLP, head) gets a gradient through Gather, Split/Slice, Softmax, ReduceMean, Erf, ….
        var model = OnnxReader.Read(Export("transformer_encoder", opset));
        // The check's tolerance is relative above magnitude 1; scaling the output lifts every weight's gradient above that floor.
        var graph = model.Graph;
        var logits = graph.Outputs[0].Name;
        graph.Initializers["gradient_scale"] = Tensor.FromFloats("gradient_scale", [], [1000f]);
        graph.Nodes.Add(new Node("Mul", [logits, "gradient_scale"], ["scaled_logits"]));
        graph.Outputs.Clear();
        graph.Outputs.Add(new ValueInfo("scaled_logits", DataType.Float, null));
        var tokens = TokenIds(32).Select(t => (float)t).ToArray();
        GradientCheck.Verify(model, new Dictionary<string, float[]> { ["input"] = tokens }, inputsToCheck: [], samplesPerTensor: 3, tolerance: 2e-2);
    }

    /// <summary>The cached export; a machine without Python and torch skips the row instead of failing it.</summary>
    private static string Export(string name, int opset)
    {
        try
        {
            return TorchvisionExports.Get(name, opset);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new SkipTestException($"cannot export {name} at opset {opset}: {e.Message}");
        }
    }

    private static void AddHeadInputsAsOutputs(Graph graph)
    {
        foreach (var output in graph.Outputs.ToList())
        {
            var head = graph.Nodes.LastOrDefault(n => n.Outputs.Contains(output.Name));
            if (head?.Input(0) is { } features && !graph.Initializers.ContainsKey(features) && graph.Outputs.All(o => o.Name != features))
            {
                graph.Outputs.Add(new ValueInfo(features, DataType.Float, null));
            }
        }
    }

    private static int ShapeOfCount(int[] shape) => shape.Aggregate(1, (p, d) => p * d);

    /// <summary>Token ids inside the exported embedding's vocabulary of 1000.</summary>
    private static long[] TokenIds(int count)
    {
        var random = new Random(3);
        return [.. Enumerable.Range(0, count).Select(_ => (long)random.Next(1000))];
    }
}
