using System.Globalization;
using Shears.Evaluation;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>`shears evaluate` as a table: test accuracy and loss, and latency at both batch sizes.</summary>
internal static class EvaluationView
{
    public static void Render(IAnsiConsole console, EvaluationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(Path.GetFileName(report.Model))}[/]");
        table.AddColumn("");
        table.AddColumn("Value", c => c.RightAligned());
        table.AddRow("Test images", report.Metrics.Samples.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Accuracy", (report.Metrics.Accuracy * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%");
        table.AddRow("Loss", report.Metrics.Loss.ToString("0.0000", CultureInfo.InvariantCulture));
        table.AddRow($"Latency, batch {EvaluationReport.SmallBatch} (median)", report.LatencyBatch1.MedianMs.ToString("0.000", CultureInfo.InvariantCulture) + " ms");
        table.AddRow($"Latency, batch {EvaluationReport.LargeBatch} (median)", report.LatencyBatch128.MedianMs.ToString("0.000", CultureInfo.InvariantCulture) + " ms");
        table.AddRow("Engine threads", report.Threads.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
    }
}
