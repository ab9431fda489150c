using System.Diagnostics;
using System.Text.Json;
using Shears.Analysis;
using Shears.Models;
using Shears.Onnx;

namespace Shears.Cli.Tests;

/// <summary>`shears optimize` on a Fashion-MNIST subset: budgets met or reported unreachable, resuming after SIGKILL, bad input.</summary>
public sealed class OptimizeCommandTests(FashionMnistSubset subset) : IClassFixture<FashionMnistSubset>
{
    private static readonly string[] Quick = ["--planner", "uniform", "--final-epochs", "1", "--no-controls", "--seed", "3"];

    [FashionMnistFact]
    public void Meets_a_macs_budget_and_writes_the_model_plans_checkpoints_and_report()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        var output = folder.File("out.onnx");
        var report = folder.File("report");

        var run = CliRun.Of(["optimize", input, "--data", subset.Folder, "--macs", "0.5x", "--iterations", "2", "-o", output, "--report", report, .. Quick]);

        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        Assert.True(ModelAnalyzer.Analyze(OnnxReader.Read(output)).Macs <= 0.5 * ModelAnalyzer.Analyze(OnnxReader.Read(input)).Macs);
        Assert.True(File.Exists(Path.Combine(report, "report.json")));
        Assert.True(File.Exists(Path.Combine(report, "checkpoints", "state.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(report, "plans"), "*.plan.json"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")));
        Assert.True(json.RootElement.GetProperty("budgetMet").GetBoolean());
        Assert.Equal("budget met", json.RootElement.GetProperty("stopReason").GetString());
    }

    [FashionMnistFact]
    public void A_run_killed_with_sigkill_resumes_to_the_model_an_uninterrupted_run_writes()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        string[] budget = ["--macs", "0.3x", "--iterations", "3"];
        var whole = CliRun.Of(["optimize", input, "--data", subset.Folder, .. budget, "-o", folder.File("whole.onnx"), "--report", folder.File("whole"), .. Quick]);
        Assert.True(whole.ExitCode == 0, whole.Error);

        // Killed as soon as the first iteration is checkpointed, in a process of its own.
        var state = Path.Combine(folder.File("killed"), "checkpoints", "state.json");
        var cli = Path.Combine(AppContext.BaseDirectory, "Shears.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[cli, "optimize", input, "--data", subset.Folder, .. budget, "-o", folder.File("killed.onnx"), "--report", folder.File("killed"), .. Quick])
        {
            start.ArgumentList.Add(arg);
        }
        using (var process = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2) && !(File.Exists(state) && File.ReadAllText(state).Contains("\"index\"", StringComparison.Ordinal)))
            {
                Thread.Sleep(20);
            }
            Assert.False(process.HasExited, "the run ended before it could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.False(File.Exists(folder.File("killed.onnx")));

        var resumed = CliRun.Of(["optimize", input, "--data", subset.Folder, .. budget, "-o", folder.File("killed.onnx"), "--resume", folder.File("killed"), .. Quick]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(File.ReadAllBytes(folder.File("whole.onnx")), File.ReadAllBytes(folder.File("killed.onnx")));
        using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("whole"), "report.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("killed"), "report.json")));
        Assert.Equal(a.RootElement.GetProperty("iterations").GetArrayLength(), b.RootElement.GetProperty("iterations").GetArrayLength());
    }

    [FashionMnistFact]
    public void An_unreachable_budget_writes_the_best_model_and_exits_4()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");

        var run = CliRun.Of(["optimize", input, "--data", subset.Folder, "--params", "0.001x", "--iterations", "4", "--max-epochs", "3", "-o", folder.File("out.onnx"), "--report", folder.File("report"), .. Quick]);

        Assert.True(run.ExitCode == 4, run.Error + run.Out);
        Assert.True(File.Exists(folder.File("out.onnx")));
        Assert.Contains("budget not met", run.Out, StringComparison.Ordinal);
        // Two one-epoch steps and the one final epoch fill the cap of three; a third step would not fit.
        Assert.Contains("fine-tuning cap of 3 epochs reached", run.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("report"), "report.json")));
        Assert.Equal(2, json.RootElement.GetProperty("iterations").GetArrayLength());
    }

    [Theory]
    [InlineData("two budgets", "one budget at a time", 2, "--macs", "0.5x", "--latency", "0.5x")]
    [InlineData("no budget", "a budget is needed", 2)]
    [InlineData("nonsense fraction", "--macs '1.5x'", 2, "--macs", "1.5x")]
    [InlineData("bad batch", "--batch '1,0'", 2, "--latency", "0.5x", "--batch", "1,0")]
    public void Bad_options_get_one_error_line_and_leave_nothing_behind(string what, string mentions, int code, params string[] budget)
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        var before = File.ReadAllBytes(input);

        var run = CliRun.Of(["optimize", input, "--data", subset.Folder, .. budget, "-o", folder.File("out.onnx"), "--report", folder.File("report")]);

        run.AssertOneErrorLine(code, mentions);
        Assert.False(File.Exists(folder.File("out.onnx")), what);
        Assert.False(Directory.Exists(folder.File("report")), what);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [FashionMnistFact]
    public void Data_that_does_not_fit_the_model_is_one_error_line_before_anything_is_written()
    {
        using var folder = new TemporaryFolder();
        var input = folder.File("wide.onnx");
        OnnxWriter.Write(ModelZoo.Build(Architecture.Mlp, 0, new MlpOptions { InputShape = new Shears.Data.ImageShape(3, 32, 32) }), input);

        var run = CliRun.Of(["optimize", input, "--data", subset.Folder, "--macs", "0.5x", "-o", folder.File("out.onnx"), "--report", folder.File("report")]);

        run.AssertOneErrorLine(1, "28");
        Assert.False(File.Exists(folder.File("out.onnx")));
        Assert.False(Directory.Exists(folder.File("report")));
    }
}
