using System.Globalization;
using Shears.Strategy;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>`shears plan` as tables: per layer before and after, then totals, then each group's decision and reason.</summary>
internal static class PlanView
{
    public static void Render(IAnsiConsole console, PlanSummary summary)
    {
        var layers = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(summary.Planner)} plan for {Markup.Escape(summary.Target)}, {Markup.Escape(summary.Budget)}[/]");
        layers.AddColumn("Layer");
        layers.AddColumn("Op");
        layers.AddColumn("Channels", c => c.RightAligned());
        layers.AddColumn("Sparsity", c => c.RightAligned());
        layers.AddColumn("Predicted ms", c => c.RightAligned());
        layers.AddColumn("MACs", c => c.RightAligned());
        layers.AddColumn("Params", c => c.RightAligned());
        foreach (var row in summary.Layers.Where(r => r.MsBefore > 0 || r.MacsBefore > 0 || r.ParametersBefore > 0))
        {
            layers.AddRow(
                Markup.Escape(row.Name),
                Markup.Escape(row.Op),
                row.ChannelsBefore is { } before ? $"{before} → {(row.ChannelsAfter is { } after ? after.ToString(CultureInfo.InvariantCulture) : "gone")}" : "",
                row.SparsityAfter is { } s && s > 0 ? s.ToString("P0", CultureInfo.InvariantCulture) : "",
                $"{Ms(row.MsBefore)} → {Ms(row.MsAfter)}",
                $"{Quantity.Count(row.MacsBefore)} → {Quantity.Count(row.MacsAfter)}",
                $"{Quantity.Count(row.ParametersBefore)} → {Quantity.Count(row.ParametersAfter)}");
        }
        console.Write(layers);

        var totals = new Table().Border(TableBorder.Rounded);
        totals.AddColumn("Total");
        totals.AddColumn("Before", c => c.RightAligned());
        totals.AddColumn("After", c => c.RightAligned());
        totals.AddColumn("Ratio", c => c.RightAligned());
        var label = summary.After.LatencyMeasured ? "measured" : "predicted";
        foreach (var latency in summary.After.Latency)
        {
            var dense = summary.Before.Latency.FirstOrDefault(l => l.Batch == latency.Batch)?.Ms;
            totals.AddRow($"Latency ms, batch {latency.Batch} ({label})", dense is { } d ? Ms(d) : "", Ms(latency.Ms), dense is { } r && r > 0 ? Ratio(latency.Ms / r) : "");
        }
        totals.AddRow("MACs", Quantity.Count(summary.Before.Macs), Quantity.Count(summary.After.Macs), Ratio(summary.After.Macs / (double)Math.Max(1, summary.Before.Macs)));
        totals.AddRow("Parameters (non-zero)", Quantity.Count(summary.Before.Parameters), Quantity.Count(summary.After.Parameters),
            Ratio(summary.After.Parameters / (double)Math.Max(1, summary.Before.Parameters)));
        totals.AddRow("Channel importance kept", "", summary.KeptImportance.ToString("P1", CultureInfo.InvariantCulture), "");
        console.Write(totals);

        var decisions = new Table().Border(TableBorder.Rounded).Title("[bold]decisions[/]");
        decisions.AddColumn("Group");
        decisions.AddColumn("Kept", c => c.RightAligned());
        decisions.AddColumn("Why");
        foreach (var decision in summary.Decisions)
        {
            decisions.AddRow(Markup.Escape(decision.Group), $"{decision.UnitsAfter} of {decision.UnitsBefore}", Markup.Escape(decision.Reason));
        }
        console.Write(decisions);
        console.MarkupLine($"[grey]per-layer latency {Markup.Escape(summary.LayerLatencySource)}; totals {Markup.Escape(summary.TotalLatencySource)}[/]");
        console.MarkupLine(summary.Met ? "[green]the plan meets the budget[/]" : "[red]the budget is not reached; this is the closest plan found[/]");
    }

    private static string Ms(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture) + "×";
}
