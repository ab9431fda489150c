using System.Text.Json;
using Shears.Models;
using Shears.Onnx;

namespace Shears.Cli.Tests;

public sealed class CommandTests
{
    [Fact]
    public void Analyze_json_has_the_promised_fields_and_figures()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Model(Architecture.Cnn, "cnn.onnx");
        var run = CliRun.Of("analyze", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(225_034, root.GetProperty("parameters").GetInt64());
        // conv1 26·26·32·9 + conv2 11·11·64·288 + fc1 1600·128 + fc2 128·10
        Assert.Equal((26 * 26 * 32 * 9) + (11 * 11 * 64 * 288) + (1600 * 128) + (128 * 10), root.GetProperty("macs").GetInt64());
        Assert.True(root.GetProperty("weightBytes").GetInt64() >= 225_034 * 4);
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.All(layers, l =>
        {
            Assert.True(l.TryGetProperty("name", out _));
            Assert.True(l.TryGetProperty("op", out _));
            Assert.True(l.TryGetProperty("parameters", out _));
            Assert.True(l.TryGetProperty("macs", out _));
            Assert.True(l.TryGetProperty("outputShape", out _));
        });
        Assert.Equal([1, 10], layers[^1].GetProperty("outputShape").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Analyze_table_shows_totals()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Model(Architecture.Mlp, "mlp.onnx");
        var run = CliRun.Of("analyze", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("101,770", run.Out, StringComparison.Ordinal);
        Assert.Contains("Gemm", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fine_tuning_a_pruned_model_keeps_its_zeros_and_changes_the_rest()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        var pruned = folder.File("pruned.onnx");
        Assert.Equal(0, CliRun.Of("prune", input, "-o", pruned, "--granularity", "unstructured", "--ratio", "0.6").ExitCode);
        var tuned = folder.File("tuned.onnx");
        var run = CliRun.Of("train", "--from", pruned, "--epochs", "1", "-o", tuned);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("test accuracy", run.Out, StringComparison.Ordinal);
        var before = OnnxReader.Read(pruned).Graph.Initializers["fc1.weight"].ToFloats();
        var after = OnnxReader.Read(tuned).Graph.Initializers["fc1.weight"].ToFloats();
        Assert.True(before.Count(v => v == 0f) >= before.Length / 2);
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] == 0f)
            {
                Assert.Equal(0f, after[i]);
            }
        }
        Assert.True(before.Zip(after).Count(p => p.First != p.Second) > before.Length / 4, "fine-tuning left the kept weights unchanged");
    }

    [Fact]
    public void Prune_writes_a_smaller_model_and_a_plan_that_reapplies_identically()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Cnn, "cnn.onnx");
        var first = folder.File("a.onnx");
        var plan = folder.File("plan.json");
        var run = CliRun.Of("prune", input, "-o", first, "--granularity", "channel", "--ratio", "0.5", "--criterion", "l2", "--save-plan", plan, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.True(json.RootElement.GetProperty("after").GetProperty("macs").GetInt64() < json.RootElement.GetProperty("before").GetProperty("macs").GetInt64() / 2);
        var second = folder.File("b.onnx");
        Assert.Equal(0, CliRun.Of("prune", input, "-o", second, "--plan", plan).ExitCode);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Hardware_json_describes_the_host()
    {
        var run = CliRun.Of("hardware", "--target", "arm-neon-a76", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("arm-neon-a76", json.RootElement.GetProperty("name").GetString());
    }
}
