using System.Globalization;
using Shears.Pruning;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>Draws a <see cref="PruneReport"/>: totals before and after, then channels per group or sparsity per weight.</summary>
internal static class PruneView
{
    public static void Render(IAnsiConsole console, PruneReport report)
    {
        var (before, after, sparseBefore, sparseAfter) = (report.Before, report.After, report.SparsityBefore, report.SparsityAfter);
        var title = report.Criterion is { } criterion ? $"{report.Granularity}, {criterion}" : report.Granularity;
        var totals = new Table().Border(TableBorder.Rounded).Title($"[bold]Pruning: {Markup.Escape(title)}[/]");
        totals.AddColumn("");
        totals.AddColumn("Before", c => c.RightAligned());
        totals.AddColumn("After", c => c.RightAligned());
        totals.AddColumn("Change", c => c.RightAligned());
        Row(totals, "Parameters", before.Parameters, after.Parameters, Quantity.Count);
        Row(totals, "MACs", before.Macs, after.Macs, Quantity.Count);
        Row(totals, "Weight bytes", before.WeightBytes, after.WeightBytes, Quantity.Bytes);
        totals.AddRow("Weight sparsity", Percent(sparseBefore.Fraction), Percent(sparseAfter.Fraction), "");
        console.Write(totals);

        if (report.Groups.Count > 0)
        {
            var groups = new Table().Border(TableBorder.Rounded).Title("[bold]Groups[/]");
            groups.AddColumn("Group");
            groups.AddColumn("Kind");
            groups.AddColumn("Units", c => c.RightAligned());
            groups.AddColumn("Kept", c => c.RightAligned());
            groups.AddColumn("Removed", c => c.RightAligned());
            foreach (var g in report.Groups)
            {
                groups.AddRow(Markup.Escape(Shorten(g.Key, 70)), g.Kind.ToString().ToLowerInvariant(), Text(g.Units), Text(g.Units - g.Removed.Count), Text(g.Removed.Count));
            }
            console.Write(groups);
        }
        if (report.MaskedWeights > 0)
        {
            var weights = new Table().Border(TableBorder.Rounded).Title("[bold]Weights[/]");
            weights.AddColumn("Layer");
            weights.AddColumn("Weights", c => c.RightAligned());
            weights.AddColumn("Sparsity before", c => c.RightAligned());
            weights.AddColumn("Sparsity after", c => c.RightAligned());
            var old = sparseBefore.PerWeight.ToDictionary(w => w.Name, StringComparer.Ordinal);
            foreach (var w in sparseAfter.PerWeight)
            {
                var previous = old.TryGetValue(w.Name, out var o) ? o.Zeros / (double)o.Count : 0;
                weights.AddRow(Markup.Escape(Shorten(w.Layer, 60)), Quantity.Count(w.Count), Percent(previous), Percent(w.Zeros / (double)w.Count));
            }
            console.Write(weights);
        }
        if (report.RemovedBranches.Count > 0)
        {
            console.MarkupLine($"removed {report.RemovedBranches.Count} residual branches: {Markup.Escape(string.Join(", ", report.RemovedBranches))}");
        }
    }

    private static void Row(Table table, string label, long before, long after, Func<long?, string> format) =>
        table.AddRow(label, format(before), format(after), before == 0 ? "" : ((after - before) * 100.0 / before).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%");

    private static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];
}
