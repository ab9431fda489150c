using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Shears.Engine;
using Shears.IR;
using Shears.Onnx;

namespace Shears.Tests.Engine.Ops;

/// <summary>
/// Runs a model on the engine and on ONNX Runtime with the same inputs and compares every output.
/// Float inputs not given are filled with seeded random values in [−2, 2].
/// </summary>
internal static class EngineVsOrt
{
    public static void AssertSame(Model model, IReadOnlyDictionary<string, Array>? inputs = null, double tolerance = 1e-5, int seed = 11)
    {
        var feeds = CompleteInputs(model, inputs, seed);
        var expected = RunOrt(model, feeds);
        var actual = RunEngine(model, feeds);
        foreach (var (name, (shape, values)) in expected)
        {
            var (engineShape, engineValues) = actual[name];
            Assert.True(shape.SequenceEqual(engineShape), $"output '{name}': engine shape [{string.Join(",", engineShape)}], ONNX Runtime [{string.Join(",", shape)}]");
            AssertClose(name, values, engineValues, tolerance);
        }
    }

    /// <summary>Engine outputs as doubles, with their shapes.</summary>
    public static Dictionary<string, (int[] Shape, double[] Values)> RunEngine(Model model, IReadOnlyDictionary<string, Array> inputs)
    {
        var shapes = model.Graph.RuntimeInputs.ToDictionary(i => i.Name, i => i.Shape!.ToArray().Select(d => (int)d).ToArray());
        var plan = ExecutionPlan.Compile(model, shapes);
        foreach (var (name, data) in inputs)
        {
            var target = plan.Input(name);
            switch (data)
            {
                case float[] floats:
                    floats.CopyTo(target.Floats, 0);
                    break;
                case long[] longs:
                    longs.CopyTo(target.Longs, 0);
                    break;
                case bool[] bools:
                    bools.CopyTo(target.Bools, 0);
                    break;
                default:
                    throw new ArgumentException($"unsupported input array {data.GetType().Name}");
            }
        }
        plan.Forward();
        return plan.OutputNames.ToDictionary(n => n, n => (plan.Output(n).Shape, ToDoubles(plan.Output(n))));
    }

    public static Dictionary<string, (int[] Shape, double[] Values)> RunOrt(Model model, IReadOnlyDictionary<string, Array> inputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(OnnxWriter.ToBytes(model), options);
        var feeds = new List<NamedOnnxValue>();
        foreach (var input in model.Graph.RuntimeInputs)
        {
            var dims = input.Shape!.ToArray().Select(d => (int)d).ToArray();
            feeds.Add(inputs[input.Name] switch
            {
                float[] f => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<float>(f, dims)),
                long[] l => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<long>(l, dims)),
                bool[] b => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<bool>(b, dims)),
                var other => throw new ArgumentException($"unsupported input array {other.GetType().Name}"),
            });
        }
        using var results = session.Run(feeds);
        var outputs = new Dictionary<string, (int[], double[])>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            outputs[result.Name] = result.Value switch
            {
                Tensor<float> f => (f.Dimensions.ToArray(), f.ToArray().Select(v => (double)v).ToArray()),
                Tensor<long> l => (l.Dimensions.ToArray(), l.ToArray().Select(v => (double)v).ToArray()),
                Tensor<int> i => (i.Dimensions.ToArray(), i.ToArray().Select(v => (double)v).ToArray()),
                Tensor<bool> b => (b.Dimensions.ToArray(), b.ToArray().Select(v => v ? 1.0 : 0.0).ToArray()),
                var other => throw new InvalidOperationException($"unexpected ONNX Runtime output {other?.GetType().Name}"),
            };
        }
        return outputs;
    }

    public static void AssertClose(string what, double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = actual[i];
            if (double.IsNaN(e) || double.IsInfinity(e))
            {
                Assert.True(e.Equals(a), $"{what}[{i}]: expected {e}, got {a}");
                continue;
            }
            Assert.True(Math.Abs(a - e) <= tolerance * (1 + Math.Abs(e)), $"{what}[{i}]: expected {e:G9}, got {a:G9}");
        }
    }

    public static Dictionary<string, Array> CompleteInputs(Model model, IReadOnlyDictionary<string, Array>? given, int seed)
    {
        var feeds = new Dictionary<string, Array>(StringComparer.Ordinal);
        var index = 0;
        foreach (var input in model.Graph.RuntimeInputs)
        {
            index++;
            if (given is not null && given.TryGetValue(input.Name, out var data))
            {
                feeds[input.Name] = data;
                continue;
            }
            if (input.ElementType != DataType.Float)
            {
                throw new ArgumentException($"give values for non-float input '{input.Name}'");
            }
            var count = (int)input.Shape!.ToArray().Aggregate(1L, (p, d) => p * d);
            feeds[input.Name] = GradientCheck.RandomData(count, seed + index, 2f);
        }
        return feeds;
    }

    private static double[] ToDoubles(EngineTensor t) => t.Type switch
    {
        DataType.Float => [.. t.Span.ToArray().Select(v => (double)v)],
        DataType.Int64 => [.. t.Longs.AsSpan(0, t.Length).ToArray().Select(v => (double)v)],
        _ => [.. t.Bools.AsSpan(0, t.Length).ToArray().Select(v => v ? 1.0 : 0.0)],
    };
}
