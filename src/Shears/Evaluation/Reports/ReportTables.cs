using Shears.Optimization;
using Shears.Strategy;

namespace Shears.Evaluation.Reports;

/// <summary>
/// The content both report.md and index.html show, as text: the run's facts, the verdict, and the tables of models,
/// iterations, layers and search candidates. Keeping it here makes the two renderings say the same thing.
/// </summary>
internal static class ReportTables
{
    /// <summary>The run's facts as label and value pairs.</summary>
    public static IReadOnlyList<(string Label, string Value)> RunFacts(OptimizationReport report) =>
    [
        ("Model", report.Model),
        ("Target", report.Target),
        ("Machine", report.Machine),
        ("Budget", report.Budget),
        ("Accuracy floor", report.MaxAccuracyDrop is { } drop ? $"at most {ReportNumbers.Plain(drop, 2)} {(drop == 1 ? "point" : "points")} below the input model" : "none"),
        ("Planner", report.Planner),
        ("Seed", report.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Batch sizes", string.Join(", ", report.Batches)),
        ("Latency", $"{(report.LatencyMeasured ? "measured" : "predicted by the latency model, not measured")}: {report.LatencyMethod}"),
    ];

    /// <summary>One sentence: whether the budget was met and why the loop stopped.</summary>
    public static string Verdict(OptimizationReport report) =>
        $"{(report.BudgetMet ? "Budget met" : "Budget not met")}; the loop stopped: {report.StopReason}.";

    /// <summary>One sentence with the final model's accuracy change against the input model and the dense control.</summary>
    public static string Drops(OptimizationReport report)
    {
        var text = $"Accuracy change of the optimised model: {ReportNumbers.Points(report.DropPoints)} points against the input model";
        return report.DropAgainstControlPoints is { } control
            ? $"{text}, {ReportNumbers.Points(control)} points against the dense control fine-tuned for the same epochs."
            : $"{text}; no dense control was run.";
    }

    /// <summary>"measured" or "predicted", for latency headings.</summary>
    public static string LatencyKind(OptimizationReport report) => report.LatencyMeasured ? "measured" : "predicted";

    /// <summary>The titled sections both renderings show, in order: summary, iterations, layers, search.</summary>
    public static IReadOnlyList<ReportSection> Sections(OptimizationReport report) =>
    [
        new("Summary", $"Test-set figures. Speed-ups are against the input model; latency is {LatencyKind(report)}.", Models(report)),
        report.Iterations.Count == 0
            ? new("Iterations", "No iterations ran.", null)
            : new("Iterations", "Validation-split figures (held-out training data); the target is the schedule's fraction of the dense model.", Iterations(report)),
        report.Layers.Count == 0
            ? new("Layers", "No prunable layers were recorded.", null)
            : new("Layers", $"Latency per layer at batch {(report.Batches.Count > 0 ? report.Batches[0] : 1)}, before → after.", Layers(report)),
        new("Search", ParetoSummary(report), report.Pareto.Count > 0 ? ParetoFront(report) : null),
    ];

    /// <summary>The input model, the result and the controls side by side, with speed-ups against the input model.</summary>
    public static ReportTable Models(OptimizationReport report)
    {
        var snapshots = new[] { report.Dense, report.Final, report.DenseControl, report.UniformBaseline }.OfType<ModelSnapshot>().ToList();
        var headers = new List<string> { "model", "test accuracy", "test loss", "MACs", "parameters", "bytes" };
        headers.AddRange(report.Batches.Select(b => $"latency at batch {b}, ms ({LatencyKind(report)})"));
        headers.AddRange(["vs input, points", "vs dense control, points", "extra epochs"]);
        var rows = snapshots.Select(snapshot =>
        {
            var row = new List<string>
            {
                snapshot.Label,
                ReportNumbers.Percent(snapshot.Accuracy),
                ReportNumbers.Plain(snapshot.Loss),
                ReportNumbers.Count(snapshot.Cost.Macs),
                ReportNumbers.Count(snapshot.Cost.Parameters),
                ReportNumbers.Bytes(snapshot.Cost.Bytes),
            };
            row.AddRange(report.Batches.Select(b => LatencyWithSpeedup(report, snapshot.Cost, b)));
            row.Add(ReferenceEquals(snapshot, report.Dense) ? ReportNumbers.Missing : ReportNumbers.Points((snapshot.Accuracy - report.Dense.Accuracy) * 100));
            row.Add(report.DenseControl is { } control && !ReferenceEquals(snapshot, control)
                ? ReportNumbers.Points((snapshot.Accuracy - control.Accuracy) * 100)
                : ReportNumbers.Missing);
            row.Add(ReportNumbers.Plain(snapshot.Epochs, 2));
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new ReportTable(headers, rows, [false, .. Enumerable.Repeat(true, headers.Count - 1)]);
    }

    /// <summary>Every iteration: the schedule's target, validation figures, cost and verdict.</summary>
    public static ReportTable Iterations(OptimizationReport report)
    {
        var headers = new List<string> { "#", "target", "validation accuracy", "validation loss", "MACs", "parameters" };
        headers.AddRange(report.Batches.Select(b => $"latency at batch {b}, ms"));
        headers.AddRange(["epochs", "seconds", "verdict", "note"]);
        var rows = report.Iterations.Select(iteration =>
        {
            var row = new List<string>
            {
                iteration.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReportNumbers.Plain(iteration.TargetFraction, 3),
                ReportNumbers.Percent(iteration.ValidationAccuracy),
                ReportNumbers.Plain(iteration.ValidationLoss),
                ReportNumbers.Count(iteration.Cost.Macs),
                ReportNumbers.Count(iteration.Cost.Parameters),
            };
            row.AddRange(report.Batches.Select(b => Latency(iteration.Cost, b, report.LatencyMeasured)));
            row.AddRange([ReportNumbers.Plain(iteration.Epochs, 2), ReportNumbers.Plain(iteration.Seconds, 1), iteration.Accepted ? "accepted" : "rejected", iteration.Note]);
            return (IReadOnlyList<string>)row;
        }).ToList();
        bool[] numeric = [.. headers.Select((_, i) => i < headers.Count - 2)];
        return new ReportTable(headers, rows, numeric);
    }

    /// <summary>Every prunable layer before and after, with its latency and the planner's reason.</summary>
    public static ReportTable Layers(OptimizationReport report)
    {
        string[] headers = ["layer", "op", "channels", "sparsity", "measured ms", "predicted ms", "reason"];
        var rows = report.Layers.Select(layer => (IReadOnlyList<string>)
        [
            layer.Name,
            layer.Op,
            $"{layer.ChannelsBefore} → {layer.ChannelsAfter}",
            $"{ReportNumbers.ShortPercent(layer.SparsityBefore)} → {ReportNumbers.ShortPercent(layer.SparsityAfter)}",
            BeforeAfter(layer.MeasuredMsBefore, layer.MeasuredMsAfter),
            BeforeAfter(layer.PredictedMsBefore, layer.PredictedMsAfter),
            layer.Reason,
        ]).ToList();
        return new ReportTable(headers, rows, [false, false, true, true, true, true, false]);
    }

    /// <summary>The search candidates on the Pareto front, cheapest first.</summary>
    public static ReportTable ParetoFront(OptimizationReport report)
    {
        string[] headers = ["candidate", CostLabel(report), "accuracy proxy"];
        var rows = report.Pareto.Where(c => c.OnFront).OrderBy(c => c.Cost).ThenBy(c => c.Accuracy)
            .Select(c => (IReadOnlyList<string>)[c.Label, ReportNumbers.Plain(c.Cost), ReportNumbers.Percent(c.Accuracy)])
            .ToList();
        return new ReportTable(headers, rows, [false, true, true]);
    }

    /// <summary>One sentence on how many candidates the search scored and how many are on the front.</summary>
    public static string ParetoSummary(OptimizationReport report) => report.Pareto.Count == 0
        ? $"No search candidates: the {report.Planner} planner does not search."
        : $"The search scored {report.Pareto.Count} candidates; {report.Pareto.Count(c => c.OnFront)} are on the Pareto front (no other candidate is both cheaper and more accurate).";

    /// <summary>What a candidate's cost is, with its unit.</summary>
    public static string CostLabel(OptimizationReport report) =>
        string.IsNullOrWhiteSpace(report.ParetoCostLabel) ? "cost (the budgeted quantity)" : report.ParetoCostLabel;

    private static string LatencyWithSpeedup(OptimizationReport report, ModelCost cost, int batch)
    {
        var text = Latency(cost, batch, report.LatencyMeasured);
        if (Find(cost, batch) is not { } ms || Find(report.Dense.Cost, batch) is not { } dense || ms <= 0)
        {
            return text;
        }
        return $"{text} ({ReportNumbers.Speedup(dense / ms)})";
    }

    // A figure whose source differs from the report's (a predicted one in a measured report) says so.
    private static string Latency(ModelCost cost, int batch, bool reportMeasured)
    {
        if (Find(cost, batch) is not { } ms)
        {
            return ReportNumbers.Missing;
        }
        var text = ReportNumbers.Ms(ms);
        return cost.LatencyMeasured == reportMeasured ? text : $"{text} ({(cost.LatencyMeasured ? "measured" : "predicted")})";
    }

    /// <summary>The latency at <paramref name="batch"/>, or null when the cost was not taken there.</summary>
    public static double? Find(ModelCost cost, int batch) => cost.Latency.FirstOrDefault(l => l.Batch == batch)?.Ms;

    private static string BeforeAfter(double? before, double? after) =>
        before is null && after is null ? ReportNumbers.Missing : $"{ReportNumbers.Ms(before)} → {ReportNumbers.Ms(after)}";
}
