using Shears.Evaluation.Reports.Charts;
using Shears.Optimization;

namespace Shears.Evaluation.Reports;

/// <summary>
/// The HTML report's plots, drawn from an <see cref="OptimizationReport"/>: per-layer channels (and sparsity when it
/// changed), per-layer latency, accuracy against latency per iteration beside the controls, and the search's Pareto front.
/// </summary>
internal static class ReportPlots
{
    /// <summary>The figures in reading order.</summary>
    public static IReadOnlyList<ReportFigure> Of(OptimizationReport report)
    {
        var figures = new List<ReportFigure>();
        var channelsChanged = report.Layers.Any(l => l.ChannelsAfter != l.ChannelsBefore);
        var sparsityChanged = report.Layers.Any(l => l.SparsityAfter != l.SparsityBefore);
        if (channelsChanged || !sparsityChanged)
        {
            figures.Add(Channels(report));
        }
        if (sparsityChanged)
        {
            figures.Add(Sparsity(report));
        }
        figures.Add(LayerLatency(report));
        figures.Add(AccuracyAgainstCost(report));
        figures.Add(ParetoFront(report));
        return figures;
    }

    private static string[] LayerNames(OptimizationReport report) => [.. report.Layers.Select(l => l.Name)];

    private static ReportFigure Channels(OptimizationReport report)
    {
        var svg = GroupedBarChart.Render(
            new ChartText("Channels per layer, before and after", "layer", "output channels"),
            LayerNames(report),
            [
                new BarSeries("before", [.. report.Layers.Select(l => (double?)l.ChannelsBefore)], ChartPalette.Sky),
                new BarSeries("after", [.. report.Layers.Select(l => (double?)l.ChannelsAfter)], ChartPalette.Blue),
            ],
            "no prunable layers recorded",
            value => ReportNumbers.Plain(value, 0));
        return new ReportFigure("plot-channels", svg, "Output channels (or features) of every prunable layer in the input model and in the optimised model.");
    }

    private static ReportFigure Sparsity(OptimizationReport report)
    {
        var svg = GroupedBarChart.Render(
            new ChartText("Sparsity per layer, before and after", "layer", "zero weights (%)"),
            LayerNames(report),
            [
                new BarSeries("before", [.. report.Layers.Select(l => (double?)(l.SparsityBefore * 100))], ChartPalette.Sky),
                new BarSeries("after", [.. report.Layers.Select(l => (double?)(l.SparsityAfter * 100))], ChartPalette.Blue),
            ],
            "no prunable layers recorded",
            value => ReportNumbers.Plain(value, 1) + "%");
        return new ReportFigure("plot-sparsity", svg, "Share of each layer's weights that are zero, in the input model and in the optimised model.");
    }

    private static ReportFigure LayerLatency(OptimizationReport report)
    {
        var batch = FirstBatch(report);
        var svg = GroupedBarChart.Render(
            new ChartText($"Per-layer latency at batch {batch}, measured and predicted", "layer", "milliseconds"),
            LayerNames(report),
            [
                new BarSeries("measured before", [.. report.Layers.Select(l => l.MeasuredMsBefore)], ChartPalette.Sky),
                new BarSeries("measured after", [.. report.Layers.Select(l => l.MeasuredMsAfter)], ChartPalette.Blue),
                new BarSeries("predicted before", [.. report.Layers.Select(l => l.PredictedMsBefore)], ChartPalette.Orange),
                new BarSeries("predicted after", [.. report.Layers.Select(l => l.PredictedMsAfter)], ChartPalette.Vermillion),
            ],
            "no per-layer latency recorded",
            value => ReportNumbers.Ms(value) + " ms");
        return new ReportFigure("plot-layer-latency", svg,
            "Time spent in each layer, as profiled on the target (measured) and as the latency model predicts it; before is the input model, after the optimised one.");
    }

    private static ReportFigure AccuracyAgainstCost(OptimizationReport report)
    {
        var batch = FirstBatch(report);
        var snapshots = new[] { report.Dense, report.Final, report.DenseControl, report.UniformBaseline }.OfType<ModelSnapshot>();
        // Latency at the first batch when every point has it; otherwise MACs, which every cost has.
        var byLatency = report.Iterations.All(i => ReportTables.Find(i.Cost, batch) is not null)
            && snapshots.All(s => ReportTables.Find(s.Cost, batch) is not null)
            && (report.Iterations.Count > 0 || snapshots.Any());
        double X(Strategy.ModelCost cost) => byLatency ? ReportTables.Find(cost, batch)!.Value : cost.Macs / 1e6;
        string Where(Strategy.ModelCost cost) => byLatency ? $"{ReportNumbers.Ms(X(cost))} ms" : $"{ReportNumbers.Count(cost.Macs)} MACs";
        PointSeries Snapshot(ModelSnapshot? snapshot, string name, MarkerShape marker, string color) => new(name,
            snapshot is null ? [] : [new ChartPoint(X(snapshot.Cost), snapshot.Accuracy * 100, $"{name}: {ReportNumbers.Percent(snapshot.Accuracy)} test accuracy at {Where(snapshot.Cost)}")],
            marker, color);
        var iterations = new PointSeries("iterations (validation)",
            [.. report.Iterations.Select(i => new ChartPoint(X(i.Cost), i.ValidationAccuracy * 100,
                $"iteration {i.Index} ({(i.Accepted ? "accepted" : "rejected")}): {ReportNumbers.Percent(i.ValidationAccuracy)} validation accuracy at {Where(i.Cost)}; {i.Note}",
                i.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            MarkerShape.Circle, ChartPalette.Blue, Connected: true);
        var xTitle = byLatency ? $"latency at batch {batch} (ms, {ReportTables.LatencyKind(report)})" : "MACs (millions)";
        var svg = ScatterChart.Render(
            new ChartText(byLatency ? "Accuracy against latency" : "Accuracy against MACs", xTitle, "accuracy (%)"),
            [
                iterations,
                Snapshot(report.Dense, "input model (test)", MarkerShape.Square, ChartPalette.Black),
                Snapshot(report.Final, "optimised (test)", MarkerShape.Square, ChartPalette.Vermillion),
                Snapshot(report.DenseControl, "dense control (test)", MarkerShape.Diamond, ChartPalette.Green),
                Snapshot(report.UniformBaseline, "uniform baseline (test)", MarkerShape.Triangle, ChartPalette.Orange),
            ],
            "no iterations recorded");
        return new ReportFigure("plot-accuracy", svg,
            "Each iteration's validation accuracy against its cost, joined in order (numbers are iterations); the input model, the optimised model, the dense control and the uniform baseline are drawn beside with their test accuracy.");
    }

    private static ReportFigure ParetoFront(OptimizationReport report)
    {
        var front = report.Pareto.Where(c => c.OnFront).OrderBy(c => c.Cost).ThenBy(c => c.Accuracy);
        ChartPoint Point(Strategy.PlanCandidate c) => new(c.Cost, c.Accuracy * 100, $"{c.Label}: {ReportNumbers.Percent(c.Accuracy)} at {ReportNumbers.Plain(c.Cost)}");
        var svg = ScatterChart.Render(
            new ChartText("Pareto front of the search", ReportTables.CostLabel(report), "accuracy proxy (%)"),
            [
                new PointSeries("candidates", [.. report.Pareto.Where(c => !c.OnFront).Select(Point)], MarkerShape.Circle, ChartPalette.Grey),
                new PointSeries("Pareto front", [.. front.Select(Point)], MarkerShape.Circle, ChartPalette.Blue, Connected: true),
            ],
            $"no search candidates (the {report.Planner} planner does not search)");
        return new ReportFigure("plot-pareto", svg, ReportTables.ParetoSummary(report));
    }

    private static int FirstBatch(OptimizationReport report) => report.Batches.Count > 0 ? report.Batches[0] : 1;
}
