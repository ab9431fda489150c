using System.Globalization;
using Shears.Optimization;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>`shears optimize` as tables: the models compared, the iterations, and the verdict.</summary>
internal static class OptimizeView
{
    public static void Render(IAnsiConsole console, OptimizationReport report, string modelPath, string folder)
    {
        var iterations = new Table().Border(TableBorder.Rounded).Title("[bold]iterations[/]");
        foreach (var column in new[] { "#", "target", "MACs", "params" }.Concat(report.Batches.Select(b => $"ms b{b}")).Concat(["val acc", "verdict"]))
        {
            iterations.AddColumn(column);
        }
        foreach (var it in report.Iterations)
        {
            iterations.AddRow([
                it.Index.ToString(CultureInfo.InvariantCulture), Fixed(it.TargetFraction, "0.000") + "×", Quantity.Count(it.Cost.Macs), Quantity.Count(it.Cost.Parameters),
                .. it.Cost.Latency.Select(l => Fixed(l.Ms, "0.0000")), Percent(it.ValidationAccuracy), Markup.Escape(it.Note)]);
        }
        console.Write(iterations);

        var models = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(report.Model)}[/] on {Markup.Escape(report.Target)} ({(report.LatencyMeasured ? "latency measured" : "latency predicted")})");
        foreach (var column in new[] { "model", "test acc", "loss", "MACs", "params" }.Concat(report.Batches.Select(b => $"ms b{b}")))
        {
            models.AddColumn(column, c => c.RightAligned());
        }
        foreach (var snapshot in new[] { report.Dense, report.Final, report.DenseControl, report.UniformBaseline }.OfType<ModelSnapshot>())
        {
            models.AddRow([
                Markup.Escape(snapshot.Label), Percent(snapshot.Accuracy), Fixed(snapshot.Loss, "0.0000"), Quantity.Count(snapshot.Cost.Macs), Quantity.Count(snapshot.Cost.Parameters),
                .. snapshot.Cost.Latency.Select(l => $"{Fixed(l.Ms, "0.0000")} ({Fixed(report.Dense.Cost.LatencyAt(l.Batch) / l.Ms, "0.00")}×)")]);
        }
        console.Write(models);
        var control = report.DropAgainstControlPoints is { } c ? $", {Signed(c)} points against the dense control" : "";
        console.MarkupLine($"{(report.BudgetMet ? "[green]budget met[/]" : "[red]budget not met[/]")} ({Markup.Escape(report.Budget)}): stopped because {Markup.Escape(report.StopReason)}; accuracy {Signed(report.DropPoints)} points against the input model{control}");
        foreach (var note in report.Notes)
        {
            console.MarkupLine($"note: {Markup.Escape(note)}");
        }
        console.MarkupLine($"wrote [bold]{Markup.Escape(modelPath)}[/] and the report in [bold]{Markup.Escape(folder)}[/]");
    }

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Signed(double points) => points.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
