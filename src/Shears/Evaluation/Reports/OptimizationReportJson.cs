using System.Text.Json;
using System.Text.Json.Serialization;
using Shears.Optimization;

namespace Shears.Evaluation.Reports;

/// <summary>
/// Reads and writes report.json: the whole <see cref="OptimizationReport"/> as indented camelCase JSON, enums as
/// strings. The derived drops are written too, for readers of the file, and ignored when it is read back.
/// </summary>
public static class OptimizationReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // A diverged fine-tuning run can leave a NaN loss; the report must still be written and read.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The report as indented JSON text.</summary>
    /// <param name="report">The report to write.</param>
    public static string Serialize(OptimizationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options) + "\n";
    }

    /// <summary>Reads a report from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">What the text came from (a file path), to start error messages with.</param>
    /// <exception cref="ShearsException">The text is not valid JSON, not an optimisation report, of another version, or lacks or adds fields.</exception>
    public static OptimizationReport Deserialize(string json, string source = "report")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ShearsException($"{source}: not an optimisation report (the JSON is not an object)");
            }
            var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (format != OptimizationReport.FormatName)
            {
                throw new ShearsException($"{source}: not a Shears optimisation report (format '{format}', expected '{OptimizationReport.FormatName}')");
            }
            var version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var number) ? number : 0;
            if (version != OptimizationReport.CurrentVersion)
            {
                throw new ShearsException($"{source}: optimisation report version {version} is not one this Shears reads ({OptimizationReport.CurrentVersion})");
            }
            return document.Deserialize<OptimizationReport>(Options) ?? throw new ShearsException($"{source}: empty optimisation report");
        }
        catch (JsonException e)
        {
            throw new ShearsException($"{source}: not a valid optimisation report ({FirstSentence(e.Message)})", e);
        }
    }

    /// <summary>Reads a report from a report.json file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ShearsException">The file does not exist or does not hold a valid report.</exception>
    public static OptimizationReport Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: report file not found");
        }
        return Deserialize(File.ReadAllText(path), path);
    }

    // System.Text.Json's messages run on with the JSON path and position: the first sentence names the problem.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
