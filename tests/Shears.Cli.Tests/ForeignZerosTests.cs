using Shears.IR;
using Shears.Models;
using Shears.Onnx;

namespace Shears.Cli.Tests;

/// <summary>
/// Fine-tuning pins exactly what Shears' pruning recorded. Zeros another tool left behind train like any weight,
/// unless --keep-zeros asks to keep them.
/// </summary>
public sealed class ForeignZerosTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Zeros_without_a_record_stay_only_with_keep_zeros(bool keepZeros)
    {
        using var folder = new TemporaryFolder();
        var model = ModelZoo.Build(Architecture.Mlp, seed: 3);
        var weights = model.Graph.Initializers["fc1.weight"].ToFloats();
        for (var i = 0; i < weights.Length; i += 3)
        {
            weights[i] = 0f;
        }
        model.Graph.Initializers["fc1.weight"] = Tensor.FromFloats("fc1.weight", model.Graph.Initializers["fc1.weight"].Dims, weights);
        var input = folder.File("foreign.onnx");
        OnnxWriter.Write(model, input);
        var tuned = folder.File("tuned.onnx");

        string[] args = ["train", "--from", input, "--epochs", "1", "-o", tuned];
        var run = CliRun.Of(keepZeros ? [.. args, "--keep-zeros"] : args);

        Assert.True(run.ExitCode == 0, run.Error);
        var after = OnnxReader.Read(tuned).Graph.Initializers["fc1.weight"].ToFloats();
        var stillZero = Enumerable.Range(0, weights.Length).Where(i => i % 3 == 0).Count(i => after[i] == 0f);
        var zeroed = (weights.Length + 2) / 3;
        if (keepZeros)
        {
            Assert.Equal(zeroed, stillZero);
        }
        else
        {
            Assert.True(stillZero < zeroed / 10, $"{stillZero} of {zeroed} unrecorded zeros stayed zero without --keep-zeros");
        }
    }

    [Fact]
    public void Keep_zeros_needs_a_model_to_fine_tune()
    {
        CliRun.Of("train", "--arch", "mlp", "--keep-zeros", "-o", "/tmp/never.onnx").AssertOneErrorLine(2, "--keep-zeros");
    }
}
