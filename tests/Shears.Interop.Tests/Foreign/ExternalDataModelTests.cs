using System.Security.Cryptography;
using Shears.Interop.Tests.Infrastructure;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Pruning;

namespace Shears.Interop.Tests.Foreign;

/// <summary>
/// Models saved by onnx.save(save_as_external_data=True), initializers and a Constant node's tensor
/// in one data file: read, written back with a data file named after the output, pruned, and
/// checked in ONNX Runtime; the input files never change.
/// </summary>
public sealed class ExternalDataModelTests
{
    [Fact]
    public void External_data_is_read_written_and_pruned()
    {
        using var folder = new TemporaryDirectory();
        var (path, facts) = ForeignModels.Make(folder, "external");
        var dataPath = folder.File(facts.GetProperty("data").GetString()!);
        var before = Hash(path) + Hash(dataPath);
        Assert.True(new FileInfo(path).Length < 1500, "the script should leave the weights in the data file");

        var model = OnnxReader.Read(path);
        Assert.Equal([Path.GetFullPath(dataPath)], model.Graph.Initializers.Count > 0 ? model.ExternalDataFiles : []);
        var scale = model.Graph.Nodes.Single(n => n.OpType == "Constant").GetTensor("value")!;
        Assert.Equal([1L, 6L], scale.Dims.ToArray());
        Assert.All(scale.ToFloats(), v => Assert.InRange(v, 0.5f, 1.5f));

        using var original = OnnxRuntimeSession.Open(path, RoundTripCheck.SessionOptions);
        var inputs = RandomInputs.For(model);
        var expected = original.Run(inputs);

        var written = folder.File("copy.onnx");
        OnnxWriter.Write(model, written);
        Assert.True(File.Exists(written + ".data"));
        Assert.True(new FileInfo(written).Length < 1500, "the copy should keep its weights in its own data file");
        using (var copy = OnnxRuntimeSession.Open(written, RoundTripCheck.SessionOptions))
        {
            Assert.Equal(0.0, OutputComparison.MaxAbsDifference(expected, copy.Run(inputs)));
        }

        var prunedPath = folder.File("pruned.onnx");
        OnnxWriter.Write(Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Ratio = 0.5 })), prunedPath);
        Assert.True(File.Exists(prunedPath + ".data"));
        using (var pruned = OnnxRuntimeSession.Open(prunedPath, RoundTripCheck.SessionOptions))
        {
            Assert.Equal([1L, 6L], pruned.Run(inputs)[0].Dims.ToArray());
        }
        Assert.True(ModelAnalysisOf(prunedPath) < ModelAnalysisOf(path));
        Assert.Equal(before, Hash(path) + Hash(dataPath));
    }

    [Fact]
    public void A_truncated_data_file_is_one_clear_error()
    {
        using var folder = new TemporaryDirectory();
        var (path, facts) = ForeignModels.Make(folder, "external");
        var dataPath = folder.File(facts.GetProperty("data").GetString()!);
        var bytes = File.ReadAllBytes(dataPath);
        File.WriteAllBytes(dataPath, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidModelException>(() => OnnxReader.Read(path));
        Assert.Contains("lies outside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_over_the_inputs_data_file_is_refused()
    {
        using var folder = new TemporaryDirectory();
        var (path, _) = ForeignModels.Make(folder, "external");
        var model = OnnxReader.Read(path);
        var error = Assert.Throws<ShearsException>(() => OnnxWriter.Write(model, path));
        Assert.Contains("read from", error.Message, StringComparison.Ordinal);
    }

    private static long ModelAnalysisOf(string path) => Shears.Analysis.ModelAnalyzer.Analyze(OnnxReader.Read(path)).Parameters;

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
