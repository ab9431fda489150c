using System.Text.Json;
using Shears.Models;

namespace Shears.Cli.Tests;

/// <summary>`shears profile`: measured beside predicted, as tables or JSON, and one-line errors. No speed is asserted.</summary>
public sealed class ProfileCommandTests
{
    [Fact]
    public void Json_has_whole_model_figures_the_prediction_and_every_layer()
    {
        using var folder = new TemporaryFolder();
        var run = CliRun.Of("profile", folder.Model(Architecture.Cnn, "cnn.onnx"), "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("medianMs").GetDouble() > 0);
        Assert.True(root.GetProperty("p90Ms").GetDouble() >= root.GetProperty("medianMs").GetDouble());
        Assert.True(root.GetProperty("predictedMs").GetDouble() > 0);
        Assert.Equal("onnxruntime", root.GetProperty("runtime").GetString());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(1, root.GetProperty("batch").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("host").GetString()));
        Assert.InRange(root.GetProperty("samples").GetInt32(), 1, root.GetProperty("runs").GetInt32());
        Assert.True(root.GetProperty("layerSumMs").GetDouble() > 0);
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Contains(layers, layer => layer.GetProperty("op").GetString() == "Conv"
            && layer.GetProperty("measuredMs").ValueKind == JsonValueKind.Number
            && layer.GetProperty("predictedMs").ValueKind == JsonValueKind.Number);
        Assert.All(layers, layer => Assert.False(string.IsNullOrEmpty(layer.GetProperty("name").GetString())));
    }

    [Fact]
    public void Tables_show_layers_and_totals()
    {
        using var folder = new TemporaryFolder();
        var run = CliRun.Of("profile", folder.Model(Architecture.Cnn, "cnn.onnx"), "--batch", "4", "--clock", "cpu");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Measured median", run.Out, StringComparison.Ordinal);
        Assert.Contains("Predicted", run.Out, StringComparison.Ordinal);
        Assert.Contains("onnxruntime, 1, 4", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_runtime_times_its_own_kernels()
    {
        using var folder = new TemporaryFolder();
        var run = CliRun.Of("profile", folder.Model(Architecture.Mlp, "mlp.onnx"), "--runtime", "engine", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("engine", json.RootElement.GetProperty("runtime").GetString());
        Assert.Contains(json.RootElement.GetProperty("layers").EnumerateArray(), layer => layer.GetProperty("op").GetString() == "Gemm");
    }

    [Theory]
    [InlineData("--runtime", "gpu", "--runtime")]
    [InlineData("--threads", "0", "--threads")]
    [InlineData("--batch", "-1", "--batch")]
    [InlineData("--clock", "sundial", "--clock")]
    public void Bad_options_are_usage_errors(string option, string value, string mentions)
    {
        using var folder = new TemporaryFolder();
        CliRun.Of("profile", folder.Model(Architecture.Mlp, "mlp.onnx"), option, value).AssertOneErrorLine(2, mentions);
    }

    [Fact]
    public void Cpu_clock_with_several_threads_is_a_usage_error()
    {
        using var folder = new TemporaryFolder();
        CliRun.Of("profile", folder.Model(Architecture.Mlp, "mlp.onnx"), "--clock", "cpu", "--threads", "2").AssertOneErrorLine(2, "--clock cpu");
    }

    [Fact]
    public void Missing_model_is_an_input_error()
    {
        CliRun.Of("profile", "/no/such/model.onnx").AssertOneErrorLine(1, "not found");
    }
}
