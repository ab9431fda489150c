using System.Globalization;
using System.Text;
using Shears.Hardware;
using Shears.Hardware.Latency;

namespace Shears.Bench.Latency;

/// <summary>The validation result as a Markdown section, labelled with the host and date.</summary>
internal static class ValidationMarkdown
{
    public static string Write(ValidationReport report, HardwareProfile host, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"## Latency model accuracy ({report.Variants.Count} pruned variants)");
        text.AppendLine();
        text.AppendLine(culture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {host.Description} (host fingerprint {host.Fingerprint}),");
        text.AppendLine(culture, $"{CpuIdentity.Describe(host)};");
        text.AppendLine(culture, $"ONNX Runtime, {report.Settings.Threads} thread(s), batch {report.Settings.Batch}, clock: {report.Clock}; run took {elapsed.TotalMinutes:0.0} min.");
        text.AppendLine();
        text.AppendLine("| models | variants | Spearman ρ | median abs error | worst abs error |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var part in report.Models.Select(report.For).Append(report))
        {
            var label = part.Models.Count == 1 ? part.Models[0] : "all";
            text.AppendLine(culture, $"| {label} | {part.Variants.Count} | {part.Spearman:0.000} | {part.MedianAbsoluteError:P1} | {part.Variants.Max(v => Math.Abs(v.RelativeError)):P1} |");
        }
        text.AppendLine();
        text.AppendLine("| model | variant | GMACs | measured ms | predicted ms | error |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var variant in report.Variants)
        {
            text.AppendLine(culture, $"| {variant.Model} | {variant.Index} | {variant.Macs / 1e9:0.000} | {variant.MeasuredMs:0.00} | {variant.PredictedMs:0.00} | {variant.RelativeError:+0.0%;-0.0%} |");
        }
        return text.ToString();
    }
}
