using Shears.IR;
using Shears.Onnx;

namespace Shears.Cli.Tests;

/// <summary>
/// An operator Shears has no pruning rule for, downstream of a layer: the layer's channels stay,
/// the prune names the group and the operator, and a prune that can remove nothing exits 1 without
/// writing a file.
/// </summary>
public sealed class UnknownOperatorPruneTests
{
    private static string Write(TemporaryFolder folder, bool withPrunableLayer)
    {
        var b = new GraphBuilder("unknown_downstream");
        var x = b.Input("x", 1, 3, 8, 8);
        var h = x;
        if (withPrunableLayer)
        {
            h = b.Add("Conv", [h, b.Initializer("w0", [8, 3, 3, 3], Weights(8 * 27, 1))], NodeAttribute.Of("pads", 1L, 1L, 1L, 1L));
            h = b.Add("Relu", [h]);
        }
        var channels = withPrunableLayer ? 8 : 3;
        h = b.Add("Conv", [h, b.Initializer("w1", [8, channels, 3, 3], Weights(8 * channels * 9, 2))], NodeAttribute.Of("pads", 1L, 1L, 1L, 1L));
        var node = new Node("FancyNorm", [h], ["y"], "fancy");
        b.AddNode(node);
        b.Output("y", DataType.Float, Shape.Of(1, 8, 8, 8));
        var path = folder.File(withPrunableLayer ? "two.onnx" : "one.onnx");
        OnnxWriter.Write(b.ToModel(13), path);
        return path;
    }

    private static float[] Weights(int count, int seed) => [.. Enumerable.Range(0, count).Select(i => (float)Math.Sin((i * 7.3) + seed))];

    [Fact]
    public void The_blocked_group_is_named_with_the_operator_and_the_rest_is_pruned()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, withPrunableLayer: true);
        var output = folder.File("pruned.onnx");
        var run = CliRun.Of("prune", path, "--ratio", "0.5", "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: kept group", run.Error, StringComparison.Ordinal);
        Assert.Contains("unknown operator FancyNorm (node 'fancy')", run.Error, StringComparison.Ordinal);
        var pruned = OnnxReader.Read(output);
        Assert.Equal([4L, 3, 3, 3], pruned.Graph.Initializers["w0"].Dims.ToArray());
        Assert.Equal([8L, 4, 3, 3], pruned.Graph.Initializers["w1"].Dims.ToArray());
    }

    [Fact]
    public void A_prune_that_removes_nothing_exits_1_and_writes_nothing()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, withPrunableLayer: false);
        var output = folder.File("pruned.onnx");
        var run = CliRun.Of("prune", path, "--ratio", "0.5", "-o", output);
        Assert.Equal(1, run.ExitCode);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(errors, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("nothing was pruned", run.Error, StringComparison.Ordinal);
        Assert.Contains("FancyNorm", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        // Asking for nothing is not a failure.
        Assert.Equal(0, CliRun.Of("prune", path, "--ratio", "0", "-o", output).ExitCode);
    }
}
