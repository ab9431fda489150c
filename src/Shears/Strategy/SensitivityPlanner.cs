using System.Globalization;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>
/// Gives each group the ratio its measured sensitivity allows. A scan prunes one group at a time at a few ratios and
/// measures the validation accuracy left (held-out training data, never a test set); then one accuracy-loss tolerance,
/// shared by all groups, is bisected: each group takes the largest scanned ratio whose drop is within it, and the
/// smallest tolerance whose plan meets the budget wins. Robust groups lose more channels than fragile ones.
/// </summary>
public sealed class SensitivityPlanner : IPlanner
{
    /// <summary>Held-out samples each model is scored on, at most.</summary>
    public const int ValidationSamples = 2000;

    /// <summary>The ratios each group is scanned at (kept counts rounded to the target's channel multiple).</summary>
    public static IReadOnlyList<double> ScanRatios { get; } = [0.25, 0.5, 0.75, 0.9];

    /// <inheritdoc/>
    public string Name => "sensitivity";

    /// <inheritdoc/>
    public PlannerResult Plan(PlanningRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Budget.Validate();
        var template = Template(request);
        var curves = Scan(request, template, progress, cancellation);
        var reference = request.Reference ?? request.Costs.Measure(request.Model);
        (PruningPlan Plan, ModelCost Cost) Try(IReadOnlyDictionary<string, double> ratios)
        {
            cancellation.ThrowIfCancellationRequested();
            var plan = Pruner.Plan(request.Model, template with { GroupRatios = ratios }, request.Gradients);
            return (plan, request.Costs.Measure(Pruner.Apply(request.Model, plan, template.Shapes)));
        }
        bool Meets(ModelCost cost) => CostMeter.Meets(cost, reference, request.Budget);

        // Tolerances worth trying are the drops the scan saw: between two of them no group's choice changes.
        var tolerances = curves.SelectMany(c => c.Envelope()).Distinct().Order().ToList();
        var steps = BisectionSteps(tolerances.Count);
        var none = curves.ToDictionary(c => c.Group, _ => 0.0, StringComparer.Ordinal);
        var best = Try(none);
        var (tolerance, ratios, met) = (double.NegativeInfinity, (IReadOnlyDictionary<string, double>)none, Meets(best.Cost));
        if (!met && tolerances.Count > 0)
        {
            // The loosest tolerance takes every group's largest ratio: if even that misses, report it as the closest plan.
            var (low, high) = (-1, tolerances.Count - 1);
            (tolerance, ratios) = (tolerances[high], Allocate(curves, tolerances[high]));
            best = Try(ratios);
            met = Meets(best.Cost);
            for (var step = 1; met && high - low > 1; step++)
            {
                var middle = (low + high) / 2;
                var attempt = Allocate(curves, tolerances[middle]);
                var tried = Try(attempt);
                if (Meets(tried.Cost))
                {
                    (high, best, tolerance, ratios) = (middle, tried, tolerances[middle], attempt);
                }
                else
                {
                    low = middle;
                }
                progress?.Report(new OperationProgress("sensitivity allocation", step, steps, string.Create(CultureInfo.InvariantCulture,
                    $"tolerance {tolerances[middle]:0.00} points: {CostMeter.Ratio(tried.Cost, reference, request.Budget):0.000}× of the budget")));
            }
        }
        var note = string.Create(CultureInfo.InvariantCulture,
            $"sensitivity: each group pruned as far as a validation accuracy drop of {Math.Max(0, tolerance):0.00} points allows (scanned alone on {curves.FirstOrDefault()?.Points.Count ?? 0} ratios) for a budget of {request.Budget}: {CostMeter.Ratio(best.Cost, reference, request.Budget):0.000}× of the limit");
        var byKey = curves.ToDictionary(c => c.Group, StringComparer.Ordinal);
        return new PlannerResult
        {
            Plan = best.Plan with { Notes = [.. best.Plan.Notes, note] },
            Planner = Name,
            Reference = reference,
            Cost = best.Cost,
            Met = met,
            Decisions = [.. best.Plan.ChannelGroups.Select(g => new PlanDecision(g.Key, g.Granularity, g.Units, g.Units - g.Removed.Count,
                Reason(byKey[g.Key], ratios.GetValueOrDefault(g.Key), tolerance)))],
        };
    }

    /// <summary>
    /// The scan alone: each prunable group pruned by itself at each of <see cref="ScanRatios"/> (amounts that round to the
    /// same kept count are scored once), with the validation accuracy the model kept.
    /// </summary>
    /// <param name="request">The model, target (its channel multiple rounds kept counts), options and validation data.</param>
    /// <param name="progress">Told after each pruned model is scored.</param>
    /// <param name="cancellation">Checked before each model is scored.</param>
    /// <exception cref="InvalidOptionException">The request has no validation data, or its granularity is not channels or heads.</exception>
    public static IReadOnlyList<SensitivityCurve> Scan(PlanningRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Scan(request, Template(request), progress, cancellation);
    }

    private static IReadOnlyList<SensitivityCurve> Scan(PlanningRequest request, PruningOptions template, IProgress<OperationProgress>? progress, CancellationToken cancellation)
    {
        var proxy = ValidationProxy.For(request, "sensitivity", ValidationSamples);
        var model = request.Model;
        var groups = Pruner.Plan(model, template, request.Gradients).ChannelGroups.ToList();
        var total = (groups.Count * ScanRatios.Count) + 1;
        cancellation.ThrowIfCancellationRequested();
        var dense = proxy.Accuracy(model, cancellation);
        progress?.Report(new OperationProgress("sensitivity scan", 1, total, string.Create(CultureInfo.InvariantCulture,
            $"unpruned: {dense:P2} on {proxy.Count} held-out samples")));
        var done = 1;
        var curves = new List<SensitivityCurve>();
        foreach (var group in groups)
        {
            var points = new List<SensitivityPoint>();
            foreach (var ratio in ScanRatios)
            {
                cancellation.ThrowIfCancellationRequested();
                done++;
                var plan = Pruner.Plan(model, template with { GroupRatios = new Dictionary<string, double> { [group.Key] = ratio } }, request.Gradients);
                var removed = plan.ChannelGroups.Single(g => g.Key == group.Key).Removed.Count;
                if (removed == 0 || (points.Count > 0 && points[^1].Removed == removed))
                {
                    continue;
                }
                var accuracy = proxy.Accuracy(Pruner.Apply(model, plan, template.Shapes), cancellation);
                var point = new SensitivityPoint(ratio, removed, accuracy, (dense - accuracy) * 100);
                points.Add(point);
                progress?.Report(new OperationProgress("sensitivity scan", done, total, string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key} −{removed} of {group.Units}: {accuracy:P2} ({point.Drop:+0.00;−0.00;0.00} points)")));
            }
            curves.Add(new SensitivityCurve(group.Key, group.Units, points));
        }
        return curves;
    }

    // The request's options as the scan and the allocation use them: local ratios, kept counts on the target's multiple.
    private static PruningOptions Template(PlanningRequest request)
    {
        var options = request.Options;
        if (options.Granularity is not (PruningGranularity.Channel or PruningGranularity.Head))
        {
            throw new InvalidOptionException($"the sensitivity planner sets per-group ratios of channels or heads, not {PruningGranularityNames.Name(options.Granularity)}", nameof(request.Options.Granularity));
        }
        return options with
        {
            Ratio = 0,
            Threshold = null,
            Scope = PruningScope.Local,
            GroupRatios = null,
            RoundTo = Math.Max(options.RoundTo, request.Target.PrimaryChannelMultiple()),
        };
    }

    // Each group's largest scanned ratio whose drop (as the envelope has it) is within the tolerance; 0 when none is.
    private static Dictionary<string, double> Allocate(IReadOnlyList<SensitivityCurve> curves, double tolerance) =>
        curves.ToDictionary(c => c.Group, c =>
        {
            var envelope = c.Envelope();
            var allowed = Enumerable.Range(0, c.Points.Count).LastOrDefault(i => envelope[i] <= tolerance, -1);
            return allowed < 0 ? 0 : c.Points[allowed].Ratio;
        }, StringComparer.Ordinal);

    private static int BisectionSteps(int tolerances) => Math.Max(1, (int)Math.Ceiling(Math.Log2(tolerances + 1)));

    // "ratio 0.5: validation accuracy fell 0.3 points at 0.5, 2.1 at 0.75", with ratios as the rounded amounts removed.
    private static string Reason(SensitivityCurve curve, double ratio, double tolerance)
    {
        if (curve.Points.Count == 0)
        {
            return "ratio 0: no scanned ratio removes a unit once kept counts are rounded to the target's channel multiple";
        }
        double Amount(SensitivityPoint p) => p.Removed / (double)curve.Units;
        string Text(FormattableString text) => string.Format(CultureInfo.InvariantCulture, text.Format, text.GetArguments());
        var chosen = curve.Points.FirstOrDefault(p => p.Ratio == ratio);
        var next = curve.Points.FirstOrDefault(p => p.Ratio > ratio);
        if (chosen is null)
        {
            return Text($"ratio 0: validation accuracy fell {next!.Drop:0.0} points at {Amount(next):0.##} already, beyond the tolerance of {Math.Max(0, tolerance):0.0}");
        }
        var head = Text($"ratio {Amount(chosen):0.##}: validation accuracy fell {chosen.Drop:0.0} points at {Amount(chosen):0.##}");
        return next is null ? head + ", the largest ratio scanned" : head + Text($", {next.Drop:0.0} at {Amount(next):0.##}");
    }
}
