using System.Globalization;
using System.Text;
using Shears.Analysis;
using Shears.Bench.Pipeline;
using Shears.Models;
using Shears.Onnx;
using Shears.Testing;
using static Shears.Bench.Pipeline.Timing;

// End-to-end benchmarks of the pipeline stages, with references measured in the same run.
// Modes: analyze | prune | train | infer | executors (per-node training profile) | report (all, written to bench/results/pipeline-<cpu>.md).
// SHEARS_BENCH_NO_TORCH=1 skips the PyTorch reference (two minutes) in train and report.
var mode = args.Length > 0 ? args[0] : "report";
if (mode == "analyze-memory")
{
    // Child process: memory of one read + analyse, relative to the resident size before it.
    var before = Memory().Current;
    var analysis = ModelAnalyzer.Analyze(OnnxReader.Read(args[1]));
    var (peak, _) = Memory();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{before} {peak} {analysis.WeightBytes}"));
    return 0;
}
if (mode == "infer-child")
{
    var micros = Benchmarks.InferAlone(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
    Console.WriteLine(micros.ToString(CultureInfo.InvariantCulture));
    return 0;
}
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}
var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
Line($"# Pipeline benchmarks — {cpu}");
Line("");
Line($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical processors, .NET {Environment.Version}, load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
Line("");
// Training first: measured after the analyse and prune sections in the same process, the two-thread
// MLP epoch took twice as long (0.52 s against 0.25 s alone); the cause is not found yet.
if (mode is "train" or "report")
{
    Benchmarks.Train(Line);
}
if (mode is "analyze" or "report")
{
    Benchmarks.Analyze(Line);
}
if (mode is "prune" or "report")
{
    Benchmarks.Prune(Line);
}
if (mode == "executors")
{
    ExecutorProfile.Training(Line, Architecture.Mlp);
    ExecutorProfile.Training(Line, Architecture.Cnn);
}
if (mode is "infer" or "report")
{
    Benchmarks.Infer(Line);
}
Line($"Load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
if (mode == "report")
{
    var name = new string([.. cpu.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
    var path = RepositoryRoot.Combine("bench", "results", $"pipeline-{name}.md");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, report.ToString());
    Console.WriteLine($"wrote {path}");
}
return 0;
