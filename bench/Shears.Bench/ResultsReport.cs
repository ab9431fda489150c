using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Shears.Engine.Kernels;

namespace Shears.Bench;

/// <summary>
/// Writes medians and GFLOP/s to <c>bench/results/&lt;cpu&gt;.md</c>, GEMM as a share of the measured
/// FMA peak. With several runs each case reports its best median: on a shared machine the fastest
/// run is the least disturbed one.
/// </summary>
internal static class ResultsReport
{
    public static string Write(Suite peak, Suite gemm, Suite conv, string loadBefore)
    {
        var cpu = CpuModel();
        var text = new StringBuilder();
        var peakOneCore = BestPeak(peak, "OneCore");
        var peakAllCores = BestPeak(peak, "AllCores");
        text.AppendLine(Invariant($"# Kernel benchmarks: {cpu}"));
        text.AppendLine();
        text.AppendLine(Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(Invariant($"- CPU: {cpu}, {Environment.ProcessorCount} logical processors; kernel variants available: {string.Join(", ", KernelRegistry.Available)}"));
        text.AppendLine(Invariant($"- Runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}"));
        text.AppendLine(Invariant($"- Load average (1, 5, 15 min) before / after: {loadBefore} / {LoadAverage()} (the machine is shared; busy neighbours lower the figures)"));
        text.AppendLine(Invariant($"- Command: `dotnet run -c Release --project bench/Shears.Bench -- report {gemm.Runs.Count}` (BenchmarkDotNet, in-process, 3 warm-up + 9 measured iterations; each case shows the best of {gemm.Runs.Count} medians)"));
        text.AppendLine();
        text.AppendLine("## Peak FMA (independent chains in registers)");
        text.AppendLine();
        text.AppendLine("| Benchmark | Median | GFLOP/s |");
        text.AppendLine("|---|---:|---:|");
        foreach (var c in peak.Cases)
        {
            text.AppendLine(Invariant($"| {c.Descriptor.WorkloadMethod.Name} | {Median(peak, c)} | {Gflops(peak, c)} |"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"Peak used below: {peakOneCore:F1} GFLOP/s on one core, {peakAllCores:F1} on all cores (the better of 512- and 256-bit)."));
        text.AppendLine();
        text.AppendLine("## GEMM, C = A·B, square, row-major float32");
        text.AppendLine();
        text.AppendLine("| Size | Variant | Threads | Median | GFLOP/s | Share of peak |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (var c in gemm.Cases)
        {
            var threads = (int)c.Parameters["Threads"];
            var reference = threads == 1 ? peakOneCore : peakAllCores;
            var share = gemm.Gflops(c) is { } g && reference > 0 ? Invariant($"{100 * g / reference:F0}%") : "-";
            text.AppendLine(Invariant($"| {c.Parameters["Size"]} | {c.Parameters["Variant"]} | {threads} | {Median(gemm, c)} | {Gflops(gemm, c)} | {share} |"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"## Convolution, reference CNN layers, batch 128, variant {KernelRegistry.Best}"));
        text.AppendLine();
        text.AppendLine("GFLOP/s counts the direct convolution's multiply-adds (Backward: both gradients, twice that), so Winograd's figures are effective rates.");
        text.AppendLine();
        text.AppendLine("| Layer | Pass | Algorithm | Threads | Median | GFLOP/s |");
        text.AppendLine("|---|---|---|---:|---:|---:|");
        foreach (var c in conv.Cases)
        {
            // conv1 never fits Winograd: its "allowed" cases repeat the im2col ones.
            if ((bool)c.Parameters["Winograd"] && ConvBenchmarks.Algorithm(c).StartsWith("im2col", StringComparison.Ordinal))
            {
                continue;
            }
            text.AppendLine(Invariant($"| {c.Parameters["Layer"]} | {c.Descriptor.WorkloadMethod.Name} | {ConvBenchmarks.Algorithm(c)} | {c.Parameters["Threads"]} | {Median(conv, c)} | {Gflops(conv, c)} |"));
        }
        var path = Path.Combine(RepositoryRoot(), "bench", "results", FileName(cpu));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double BestPeak(Suite peak, string suffix) =>
        peak.Cases
            .Where(c => c.Descriptor.WorkloadMethod.Name.EndsWith(suffix, StringComparison.Ordinal))
            .Select(c => peak.Gflops(c) ?? 0)
            .DefaultIfEmpty(0)
            .Max();

    private static string Median(Suite suite, BenchmarkCase c)
    {
        if (suite.Best(c) is not var (summary, best) || summary[best]?.ResultStatistics?.Median is not { } ns)
        {
            return "-";
        }
        return ns switch
        {
            >= 1e6 => Invariant($"{ns / 1e6:F2} ms"),
            >= 1e3 => Invariant($"{ns / 1e3:F1} µs"),
            _ => Invariant($"{ns:F0} ns"),
        };
    }

    private static string Gflops(Suite suite, BenchmarkCase c) =>
        suite.Gflops(c) is { } g ? Invariant($"{g:F1}") : "-";

    private static string CpuModel()
    {
        const string Key = "model name";
        var line = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string FileName(string cpu) =>
        string.Join("-", cpu.Split([' ', '(', ')', '@', '/'], StringSplitOptions.RemoveEmptyEntries)) + ".md";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shears.slnx")))
            {
                return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Repeated runs of one benchmark class; a case is matched across runs by its display name.</summary>
    internal sealed class Suite(IReadOnlyList<Summary> runs)
    {
        public IReadOnlyList<Summary> Runs { get; } = runs;

        public IEnumerable<BenchmarkCase> Cases => Runs[0].BenchmarksCases;

        /// <summary>The run and case with the lowest median for the case named like <paramref name="c"/>.</summary>
        public (Summary Summary, BenchmarkCase Case)? Best(BenchmarkCase c) =>
            Runs.SelectMany(run => run.BenchmarksCases.Where(other => other.DisplayInfo == c.DisplayInfo).Select(other => (run, other)))
                .Where(pair => pair.run[pair.other]?.ResultStatistics is not null)
                .OrderBy(pair => pair.run[pair.other]!.ResultStatistics!.Median)
                .Select(pair => ((Summary, BenchmarkCase)?)pair)
                .FirstOrDefault();

        public double? Gflops(BenchmarkCase c) => Best(c) is var (summary, best) ? GflopsColumn.Of(summary, best) : null;
    }
}
