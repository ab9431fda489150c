using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.Infrastructure;

/// <summary>Reads a model file, writes it back, and runs both files in ONNX Runtime on the same inputs.</summary>
internal static class RoundTripCheck
{
    // One thread per session: test classes run in parallel and a fixed thread count keeps ORT's
    // reductions in the same order for both sessions.
    public static OnnxRuntimeOptions SessionOptions { get; } = new() { IntraOpThreads = 1 };

    public sealed record Result(Model Read, Model Reread, RunOutputs Original, RunOutputs Written);

    /// <summary>Round-trips <paramref name="path"/> through a file in <paramref name="workDirectory"/>.</summary>
    public static Result Run(string path, string workDirectory, RandomInputOptions? inputs = null)
    {
        var model = OnnxReader.Read(path);
        var written = Path.Combine(workDirectory, Path.GetFileName(path));
        OnnxWriter.Write(model, written);

        var reread = OnnxReader.Read(written);
        // The writer is a fixed point: writing what it wrote gives the same bytes (inline, when the data went to a file).
        var expected = OnnxWriter.NeedsExternalData(model) ? OnnxWriter.ToBytes(model) : File.ReadAllBytes(written);
        Assert.True(OnnxWriter.ToBytes(reread).AsSpan().SequenceEqual(expected), "writing a re-read model changed its bytes");

        var feed = RandomInputs.For(model, inputs);
        using var original = OnnxRuntimeSession.Open(path, SessionOptions);
        using var copy = OnnxRuntimeSession.Open(written, SessionOptions);
        return new Result(model, reread, original.Run(feed), copy.Run(feed));
    }

    /// <summary>
    /// Round-trips a zoo model and asserts the re-read structure matches and ONNX Runtime's outputs
    /// for the written file equal the original's exactly.
    /// </summary>
    public static Result AssertOutputsIdentical(ZooModel zooModel, RandomInputOptions? inputs = null)
    {
        var path = TorchvisionExports.Get(zooModel);
        using var work = new TemporaryDirectory();
        var result = Run(path, work.Path, inputs);
        AssertSameStructure(result.Read, result.Reread);
        foreach (var output in result.Original)
        {
            OutputComparison.AssertInformative(output);
        }
        Assert.Equal(0.0, OutputComparison.MaxAbsDifference(result.Original, result.Written));
        return result;
    }

    /// <summary>Asserts the structure that matters for execution survived: header, nodes, weights, inputs, outputs.</summary>
    public static void AssertSameStructure(Model expected, Model actual)
    {
        Assert.Equal(expected.IrVersion, actual.IrVersion);
        Assert.Equal(expected.Opsets.OrderBy(p => p.Key), actual.Opsets.OrderBy(p => p.Key));
        Assert.Equal(expected.ProducerName, actual.ProducerName);
        Assert.Equal(expected.Graph.Nodes.Select(n => n.ToString()), actual.Graph.Nodes.Select(n => n.ToString()));
        Assert.Equal(expected.Graph.Nodes.Select(n => string.Join(";", n.Attributes)), actual.Graph.Nodes.Select(n => string.Join(";", n.Attributes)));
        Assert.Equal(expected.Graph.Inputs, actual.Graph.Inputs, ValueInfoComparer.Instance);
        Assert.Equal(expected.Graph.Outputs, actual.Graph.Outputs, ValueInfoComparer.Instance);
        Assert.Equal(expected.Graph.Initializers.Keys, actual.Graph.Initializers.Keys);
        foreach (var (name, tensor) in expected.Graph.Initializers)
        {
            var other = actual.Graph.Initializers[name];
            Assert.Equal(tensor.ElementType, other.ElementType);
            Assert.Equal(tensor.Dims.ToArray(), other.Dims.ToArray());
            Assert.True(tensor.Bytes.Span.SequenceEqual(other.Bytes.Span), $"initializer '{name}' changed");
        }
    }

    private sealed class ValueInfoComparer : IEqualityComparer<ValueInfo>
    {
        public static ValueInfoComparer Instance { get; } = new();

        public bool Equals(ValueInfo? x, ValueInfo? y) =>
            x is not null && y is not null && x.Name == y.Name && x.ElementType == y.ElementType && Equals(x.Shape, y.Shape);

        public int GetHashCode(ValueInfo obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
