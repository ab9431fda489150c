using Shears.Analysis;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>The human view of a model analysis: a layer table, totals, and a breakdown by operator.</summary>
internal static class AnalysisView
{
    public static void Render(IAnsiConsole console, string title, ModelAnalysis analysis, bool showAll)
    {
        var layers = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]");
        layers.AddColumn("#", c => c.RightAligned());
        layers.AddColumn("Layer");
        layers.AddColumn("Op");
        layers.AddColumn("Input");
        layers.AddColumn("Output");
        layers.AddColumn("Params", c => c.RightAligned());
        layers.AddColumn("MACs", c => c.RightAligned());
        layers.AddColumn("Weights", c => c.RightAligned());
        layers.AddColumn("Activations", c => c.RightAligned());
        var hidden = 0;
        for (var i = 0; i < analysis.Layers.Count; i++)
        {
            var layer = analysis.Layers[i];
            if (!showAll && layer.IsConstant && layer.Parameters == 0)
            {
                hidden++;
                continue;
            }
            layers.AddRow(
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(Shorten(layer.Name, 48)),
                Markup.Escape(layer.Op),
                Markup.Escape(Quantity.Shape(layer.InputShapes.Count > 0 ? layer.InputShapes[0] : null)),
                Markup.Escape(Quantity.Shape(layer.OutputShapes.Count > 0 ? layer.OutputShapes[0] : null)),
                layer.Parameters == 0 ? "" : Quantity.Count(layer.Parameters),
                layer.Macs == 0 ? "" : Quantity.Count(layer.Macs),
                layer.WeightBytes == 0 ? "" : Quantity.Bytes(layer.WeightBytes),
                Quantity.Bytes(layer.ActivationBytes));
        }
        console.Write(layers);
        if (hidden > 0)
        {
            console.MarkupLine($"[grey]{hidden} shape-arithmetic nodes folded to constants are not listed (--all lists them).[/]");
        }

        var byOp = new Table().Border(TableBorder.Rounded).Title("[bold]By operator[/]");
        byOp.AddColumn("Op");
        byOp.AddColumn("Nodes", c => c.RightAligned());
        byOp.AddColumn("Params", c => c.RightAligned());
        byOp.AddColumn("MACs", c => c.RightAligned());
        byOp.AddColumn("MAC share", c => c.RightAligned());
        foreach (var group in analysis.Layers.GroupBy(l => l.Op).OrderByDescending(g => g.Sum(l => l.Macs ?? 0)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var macs = group.Sum(l => l.Macs ?? 0);
            byOp.AddRow(
                Markup.Escape(group.Key),
                group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                Quantity.Count(group.Sum(l => l.Parameters)),
                Quantity.Count(macs),
                analysis.Macs == 0 ? "" : (100.0 * macs / analysis.Macs).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%");
        }
        console.Write(byOp);

        var totals = new Table().Border(TableBorder.Rounded).Title("[bold]Totals[/]");
        totals.AddColumn("");
        totals.AddColumn("Value", c => c.RightAligned());
        totals.AddColumn("Exact", c => c.RightAligned());
        totals.AddRow("Inputs", Markup.Escape(string.Join(", ", analysis.Inputs.Select(v => $"{v.Name} {Quantity.Shape(v.Shape)}"))), "");
        totals.AddRow("Outputs", Markup.Escape(string.Join(", ", analysis.Outputs.Select(v => $"{v.Name} {Quantity.Shape(v.Shape)}"))), "");
        totals.AddRow("Nodes", analysis.Layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "");
        totals.AddRow("Parameters", Quantity.Count(analysis.Parameters), Quantity.Exact(analysis.Parameters));
        totals.AddRow("MACs", Quantity.Count(analysis.Macs), Quantity.Exact(analysis.Macs));
        totals.AddRow("Weight bytes", Quantity.Bytes(analysis.WeightBytes), Quantity.Exact(analysis.WeightBytes));
        totals.AddRow("Activation bytes", Quantity.Bytes(analysis.ActivationBytes), Quantity.Exact(analysis.ActivationBytes));
        totals.AddRow("Opset", analysis.Opset.ToString(System.Globalization.CultureInfo.InvariantCulture), "");
        if (analysis.UnknownMacLayers > 0)
        {
            totals.AddRow("[yellow]Layers with unknown MACs[/]", analysis.UnknownMacLayers.ToString(System.Globalization.CultureInfo.InvariantCulture), "");
        }
        console.Write(totals);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];
}
