using System.Text.Json;
using Shears.Data;
using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Preprocessing;

namespace Shears.Cli.Tests;

/// <summary>
/// Every kind of model `shears` writes (trained, pruned in each granularity, fine-tuned) is run in ONNX Runtime the way
/// a user would run it: pixels scaled to [0, 1], at batch 1 and at a batch of the whole test set. Its accuracy and loss
/// must be the ones `shears evaluate` reports for the same file, and the metadata must say what the model expects.
/// </summary>
public sealed class WrittenModelsInOnnxRuntimeTests(FashionMnistSubset subset) : IClassFixture<FashionMnistSubset>
{
    public static TheoryData<string, string[]> Pipelines => new()
    {
        { "mlp", ["--granularity", "channel", "--ratio", "0.5"] },
        { "mlp", ["--granularity", "unstructured", "--ratio", "0.7"] },
        { "cnn", ["--granularity", "channel", "--ratio", "0.5"] },
        { "cnn", ["--granularity", "n:m", "--n", "2", "--m", "4"] },
        { "resnet", ["--granularity", "channel", "--ratio", "0.3"] },
        { "vit", ["--granularity", "head", "--ratio", "0.5"] },
        { "vit", ["--granularity", "block", "--block", "1x4", "--ratio", "0.5"] },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Onnx_runtime_on_unit_range_pixels_gives_what_evaluate_reports(string arch, string[] pruning)
    {
        using var folder = new TemporaryFolder();
        var trained = folder.File("trained.onnx");
        var pruned = folder.File("pruned.onnx");
        var tuned = folder.File("tuned.onnx");
        Succeed("train", "--arch", arch, "--epochs", "2", "--seed", "3", "--data", subset.Folder, "-o", trained);
        Succeed(["prune", trained, "-o", pruned, .. pruning]);
        Succeed("train", "--from", pruned, "--epochs", "1", "--data", subset.Folder, "-o", tuned);

        var test = FashionMnist.Load(subset.Folder).Test;
        foreach (var path in new[] { trained, pruned, tuned })
        {
            var spec = InputSpec.Read(OnnxReader.Read(path));
            Assert.True(spec is { NormalizesInGraph: true, RangeMin: 0, RangeMax: 1, Height: 28, Width: 28, Channels: 1 }, $"{path}: {spec?.ToJson()}");

            using var json = JsonDocument.Parse(Succeed("evaluate", path, "--data", subset.Folder, "--json"));
            var reportedAccuracy = json.RootElement.GetProperty("accuracy").GetDouble();
            var reportedLoss = json.RootElement.GetProperty("loss").GetDouble();
            foreach (var batch in new[] { 1, test.Count })
            {
                var (correct, loss) = RunInOnnxRuntime(path, test, batch);
                // Engine and runtime sum in different orders; one image on a knife edge may flip, never more.
                Assert.True(Math.Abs(correct - (reportedAccuracy * test.Count)) <= 1,
                    $"{Path.GetFileName(path)} at batch {batch}: ONNX Runtime {correct}/{test.Count} correct, evaluate reported {reportedAccuracy:P2}");
                Assert.True(Math.Abs(loss - reportedLoss) <= 1e-3 * Math.Max(1, reportedLoss),
                    $"{Path.GetFileName(path)} at batch {batch}: ONNX Runtime loss {loss}, evaluate reported {reportedLoss}");
            }
        }
    }

    private static string Succeed(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 0, $"shears {string.Join(' ', args)} failed: {run.Error}");
        return run.Out;
    }

    // Correct predictions and mean cross-entropy, computed here from the runtime's logits, not by Shears' evaluator.
    private static (int Correct, double Loss) RunInOnnxRuntime(string path, ImageClassificationDataset test, int batch)
    {
        using var session = OnnxRuntimeSession.Open(path);
        var input = session.Inputs.Single();
        var size = test.ImageShape.Size;
        var correct = 0;
        double lossSum = 0;
        for (var start = 0; start < test.Count; start += batch)
        {
            var count = Math.Min(batch, test.Count - start);
            var pixels = test.Pixels.Slice(start * size, count * size).ToArray();
            Assert.InRange(pixels.Max(), 0.5f, 1f);
            long[] dims = input.Shape!.Rank == 2 ? [count, size] : [count, test.ImageShape.Channels, test.ImageShape.Height, test.ImageShape.Width];
            var logits = session.Run(Tensor.FromFloats(input.Name, dims, pixels))[0].ToFloats();
            var classes = logits.Length / count;
            for (var i = 0; i < count; i++)
            {
                var row = logits.AsSpan(i * classes, classes);
                var best = 0;
                var max = row[0];
                for (var c = 1; c < classes; c++)
                {
                    if (row[c] > max)
                    {
                        (best, max) = (c, row[c]);
                    }
                }
                double sum = 0;
                foreach (var v in row)
                {
                    sum += Math.Exp(v - max);
                }
                var label = test.Label(start + i);
                lossSum += Math.Log(sum) - (row[label] - max);
                correct += best == label ? 1 : 0;
            }
        }
        return (correct, lossSum / test.Count);
    }
}
