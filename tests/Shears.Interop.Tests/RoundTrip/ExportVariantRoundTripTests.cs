using Shears.Interop.Tests.Infrastructure;
using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.RoundTrip;

/// <summary>Export options that change the file's form: a symbolic batch, weights in an external data file.</summary>
public sealed class ExportVariantRoundTripTests
{
    [Fact]
    public void Dynamic_batch_survives_and_runs_at_the_bound_batch_size()
    {
        var inputs = new RandomInputOptions { DimBindings = new Dictionary<string, long> { ["batch"] = 3 } };
        var result = RoundTripCheck.AssertOutputsIdentical(new ZooModel("resnet18", DynamicBatch: true), inputs);

        Assert.Equal(Dim.Named("batch"), result.Reread.Graph.Inputs.Single().Shape![0]);
        Assert.Equal(Dim.Named("batch"), result.Reread.Graph.Outputs.Single().Shape![0]);
        Assert.Equal([3L, 1000L], result.Written.Single().Dims.ToArray());
    }

    [Fact]
    public void External_weights_stay_external_and_run_identically()
    {
        var zooModel = new ZooModel("resnet18", ExternalData: true);
        var path = TorchvisionExports.Get(zooModel);
        Assert.True(File.Exists(path + ".data"), "the export should keep its weights in a .data file");
        Assert.True(new FileInfo(path).Length < 100_000, "the export's graph file should not hold the weights");

        var result = RoundTripCheck.AssertOutputsIdentical(zooModel);

        // Written elsewhere, the model keeps its weights in a data file named after it, and runs from there.
        using var elsewhere = new TemporaryDirectory();
        var written = elsewhere.File("written.onnx");
        OnnxWriter.Write(result.Read, written);
        Assert.Equal(["written.onnx", "written.onnx.data"], Directory.GetFiles(elsewhere.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(new FileInfo(written).Length < 100_000, "the written graph file should not hold the weights");
        using var session = OnnxRuntimeSession.Open(written, RoundTripCheck.SessionOptions);
        Assert.Equal(0.0, OutputComparison.MaxAbsDifference(result.Original, session.Run(RandomInputs.For(result.Read))));
    }
}
