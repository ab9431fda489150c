using System.Globalization;
using Shears.Hardware.Latency;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>`shears profile` as tables: per layer measured, predicted and share; then totals and where they come from.</summary>
internal static class ProfileView
{
    public static void Render(IAnsiConsole console, ProfileReport report)
    {
        var measurement = report.Measurement;
        var layerTotal = report.Rows.Sum(row => row.MeasuredMs ?? 0);
        var layers = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(report.Model)}[/]");
        layers.AddColumn("Layer");
        layers.AddColumn("Op");
        layers.AddColumn("Measured ms", column => column.RightAligned());
        layers.AddColumn("Predicted ms", column => column.RightAligned());
        layers.AddColumn("Share", column => column.RightAligned());
        foreach (var row in report.Rows)
        {
            layers.AddRow(
                Markup.Escape(row.Name),
                Markup.Escape(row.Op),
                row.MeasuredMs is { } measured ? Ms(measured) : "[grey]fused[/]",
                row.PredictedMs is { } predicted ? Ms(predicted) : "[grey]-[/]",
                row.MeasuredMs is { } part && layerTotal > 0 ? (part / layerTotal).ToString("P1", CultureInfo.InvariantCulture) : "");
        }
        console.Write(layers);

        var totals = new Table().Border(TableBorder.Rounded);
        totals.AddColumn("");
        totals.AddColumn("Value", column => column.RightAligned());
        totals.AddRow("Measured median", Ms(measurement.MedianMs) + " ms");
        totals.AddRow("Measured p90", Ms(measurement.P90Ms) + " ms");
        totals.AddRow("Predicted", Ms(report.Prediction.TotalMs) + " ms");
        totals.AddRow("Runs (after warm-up)", measurement.Runs.ToString(CultureInfo.InvariantCulture));
        totals.AddRow("Clock", measurement.Clock.ToString());
        totals.AddRow("Runtime, threads, batch",
            string.Create(CultureInfo.InvariantCulture, $"{report.RuntimeName}, {measurement.Settings.Threads}, {measurement.Settings.Batch}"));
        console.Write(totals);
        console.MarkupLine($"[grey]measured on host {Markup.Escape(report.Host.Fingerprint ?? "?")} ({Markup.Escape(report.Host.Description)}) at {report.MeasuredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC[/]");
        console.MarkupLine($"[grey]predicted by {Markup.Escape(report.Prediction.Method)}[/]");
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
