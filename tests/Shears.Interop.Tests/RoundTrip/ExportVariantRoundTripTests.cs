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
    public void External_weights_are_written_inline_and_run_identically()
    {
        var zooModel = new ZooModel("resnet18", ExternalData: true);
        var path = TorchvisionExports.Get(zooModel);
        Assert.True(File.Exists(path + ".data"), "the export should keep its weights in a .data file");
        Assert.True(new FileInfo(path).Length < 100_000, "the export's graph file should not hold the weights");

        var result = RoundTripCheck.AssertOutputsIdentical(zooModel);

        // The written model is self-contained: it runs alone in a folder without the data file.
        using var elsewhere = new TemporaryDirectory();
        var alone = elsewhere.File("alone.onnx");
        OnnxWriter.Write(result.Read, alone);
        Assert.Single(Directory.GetFiles(elsewhere.Path));
        using var session = OnnxRuntimeSession.Open(alone, RoundTripCheck.SessionOptions);
        Assert.Equal(0.0, OutputComparison.MaxAbsDifference(result.Original, session.Run(RandomInputs.For(result.Read))));
    }
}
