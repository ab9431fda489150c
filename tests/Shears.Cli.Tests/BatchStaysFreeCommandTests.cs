using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Testing;

namespace Shears.Cli.Tests;

/// <summary>
/// Every model `shears train`, `prune`, `train --from` and `optimize` writes keeps the input's
/// symbolic batch: the file declares it, and ONNX Runtime runs it at batch 1, 16 and 128 although
/// Shears analysed it at batch 1.
/// </summary>
public sealed class BatchStaysFreeCommandTests(FashionMnistSubset subset) : IClassFixture<FashionMnistSubset>
{
    private static readonly long[] Batches = [1, 16, 128];

    // A profile's predicted latency instead of measurements on the host: the written model is the point here.
    private static readonly string[] Quick = ["--target", "x86-avx2-desktop", "--planner", "uniform", "--iterations", "1", "--final-epochs", "1", "--no-controls", "--seed", "3"];

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void Trained_pruned_fine_tuned_and_optimised_models_run_at_every_batch(string arch)
    {
        using var folder = new TemporaryFolder();
        var trained = folder.File("trained.onnx");
        var pruned = folder.File("pruned.onnx");
        var tuned = folder.File("tuned.onnx");
        var optimised = folder.File("optimised.onnx");
        Succeed("train", "--arch", arch, "--epochs", "1", "--seed", "3", "--data", subset.Folder, "-o", trained);
        Succeed("prune", trained, "--granularity", "channel", "--ratio", "0.5", "-o", pruned);
        Succeed("train", "--from", pruned, "--epochs", "1", "--data", subset.Folder, "-o", tuned);
        Succeed(["optimize", trained, "--data", subset.Folder, "--macs", "0.5x", "--batch", "1,128", "-o", optimised, "--report", folder.File("report"), .. Quick]);

        foreach (var path in new[] { trained, pruned, tuned, optimised })
        {
            AssertBatchIsFree(path);
        }
    }

    [Fact]
    public void Pruning_heads_of_an_export_with_a_free_batch_keeps_it_free()
    {
        using var folder = new TemporaryFolder();
        var pruned = folder.File("pruned.onnx");
        Succeed("prune", TorchvisionExports.Get(new ZooModel("vit_tiny", DynamicBatch: true)), "--granularity", "head", "--ratio", "0.5", "-o", pruned);
        AssertBatchIsFree(pruned);
    }

    private static void AssertBatchIsFree(string path)
    {
        var graph = OnnxReader.Read(path).Graph;
        Assert.Equal(Dim.Named("batch"), graph.RuntimeInputs.Single().Shape![0]);
        Assert.Equal(Dim.Named("batch"), graph.Outputs[0].Shape![0]);
        using var session = OnnxRuntimeSession.Open(path, new OnnxRuntimeOptions { IntraOpThreads = 2 });
        foreach (var batch in Batches)
        {
            var inputs = RandomInputs.For(session, new RandomInputOptions { DimBindings = new Dictionary<string, long> { ["batch"] = batch } });
            Assert.Equal(batch, session.Run(inputs)[0].Dims[0]);
        }
    }

    private static string Succeed(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 0, $"shears {string.Join(' ', args)} failed: {run.Error}");
        return run.Out;
    }
}
