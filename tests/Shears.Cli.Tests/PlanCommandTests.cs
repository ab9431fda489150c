using System.Text.Json;
using Shears.Analysis;
using Shears.Models;
using Shears.Onnx;
using Shears.Pruning;

namespace Shears.Cli.Tests;

/// <summary>`shears plan`: the plan per layer and in total, its JSON, re-applied by `prune --plan`, and its errors.</summary>
public sealed class PlanCommandTests
{
    [Fact]
    public void PrintsThePlanPerLayerAndInTotalWithoutWritingAModel()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Cnn, "cnn.onnx");
        var run = CliRun.Of("plan", model, "--target", "x86-avx512-server", "--latency", "0.6x");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("latency plan for x86-avx512-server", run.Out, StringComparison.Ordinal);
        Assert.Contains("conv2", run.Out, StringComparison.Ordinal);
        Assert.Contains("Latency ms, batch 1 (predicted)", run.Out, StringComparison.Ordinal);
        Assert.Contains("multiples of 16", run.Out, StringComparison.Ordinal);
        Assert.Contains("the plan meets the budget", run.Out, StringComparison.Ordinal);
        Assert.Equal(["cnn.onnx"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void JsonHoldsLayersTotalsAndDecisionsAndTheSavedPlanReappliesToTheSameMacs()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Cnn, "cnn.onnx");
        var planPath = folder.File("plan.json");
        var run = CliRun.Of("plan", model, "--target", "arm-neon-a76", "--macs", "0.5x", "--json", "-o", planPath);
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("met").GetBoolean());
        var plannedMacs = root.GetProperty("after").GetProperty("macs").GetInt64();
        Assert.True(plannedMacs <= root.GetProperty("before").GetProperty("macs").GetInt64() / 2);
        Assert.Contains(root.GetProperty("layers").EnumerateArray(), l => l.TryGetProperty("channelsAfter", out var after)
            && after.GetInt64() < l.GetProperty("channelsBefore").GetInt64());
        Assert.All(root.GetProperty("decisions").EnumerateArray(), d => Assert.False(string.IsNullOrEmpty(d.GetProperty("reason").GetString())));

        var pruned = folder.File("pruned.onnx");
        var prune = CliRun.Of("prune", model, "--plan", planPath, "-o", pruned);
        Assert.True(prune.ExitCode == 0, prune.Error);
        Assert.Equal(plannedMacs, ModelAnalyzer.Analyze(OnnxReader.Read(pruned)).Macs);
        Assert.Equal(PlanJson.Load(planPath).ModelFingerprint, ModelFingerprint.Of(OnnxReader.Read(model)));
    }

    [Fact]
    public void AnUnreachableBudgetPrintsTheBestPlanAndExitsFour()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Cnn, "cnn.onnx");
        var planPath = folder.File("plan.json");
        var run = CliRun.Of("plan", model, "--target", "x86-avx512-server", "--latency", "0.05x", "-o", planPath);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("closest plan found", run.Out, StringComparison.Ordinal);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("planning", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.StartsWith("budget not reached", lines[0], StringComparison.Ordinal);
        Assert.True(File.Exists(planPath));
    }

    [Theory]
    [InlineData("--latency", "0.5x", "--macs", "0.5x")]
    [InlineData("--latency-ms", "1", "--params", "0.5x")]
    public void ABudgetGivenTwiceIsAUsageError(string first, string firstValue, string second, string secondValue)
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("plan", model, "--target", "arm-neon-a76", first, firstValue, second, secondValue).AssertOneErrorLine(2, "one budget at a time");
    }

    [Fact]
    public void NoBudgetIsAUsageError()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("plan", model, "--target", "arm-neon-a76").AssertOneErrorLine(2, "a budget is needed");
    }

    [Fact]
    public void AnUnknownPlannerListsTheKnownOnes()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("plan", model, "--target", "arm-neon-a76", "--macs", "0.5x", "--planner", "magic").AssertOneErrorLine(2, "--planner 'magic': unknown planner; known: uniform, latency");
    }
}
