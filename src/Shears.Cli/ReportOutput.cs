using System.Text.Json;
using Shears.IO;
using Shears.Optimization;

namespace Shears.Cli;

/// <summary>Writes an optimisation report into its folder.</summary>
internal static class ReportOutput
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Json(OptimizationReport report) => JsonSerializer.Serialize(report, Options);

    public static void Write(OptimizationReport report, string folder)
    {
        AtomicFile.EnsureDirectory(folder, "report");
        AtomicFile.WriteText(Path.Combine(folder, "report.json"), Json(report));
    }
}
