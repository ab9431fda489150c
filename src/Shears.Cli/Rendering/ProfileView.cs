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
        var layerTotal = report.LayerSumMs;
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
        if (layerTotal > 0)
        {
            totals.AddRow("Layers summed (per-node pass)", Ms(layerTotal) + " ms");
        }
        totals.AddRow("Predicted", Ms(report.Prediction.TotalMs) + " ms");
        totals.AddRow("Runs (after warm-up)", string.Create(CultureInfo.InvariantCulture, $"{measurement.Runs} in {measurement.Samples} samples"));
        totals.AddRow("Clock", measurement.Clock.ToString());
        totals.AddRow("Runtime, threads, batch",
            string.Create(CultureInfo.InvariantCulture, $"{report.RuntimeName}, {measurement.Settings.Threads}, {measurement.Settings.Batch}"));
        console.Write(totals);
        console.MarkupLine($"[grey]measured on host {Markup.Escape(report.Host.Fingerprint ?? "?")} ({Markup.Escape(report.Host.Description)}) at {report.MeasuredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC[/]");
        if (layerTotal > 0 && !report.LayersMatchTotal)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]the whole model was timed with no per-node timers; the per-layer times come from a separate per-node pass and sum to {Ms(layerTotal)} ms, not the {Ms(measurement.MedianMs)} ms median[/]"));
        }
        console.MarkupLine($"[grey]predicted by {Markup.Escape(report.Prediction.Method)}[/]");
    }

    // Four figures for microsecond models too, where three decimals of a millisecond would be one or two.
    private static string Ms(double value) => value.ToString(value < 1 ? "0.0000" : "0.000", CultureInfo.InvariantCulture);
}
