using System.Globalization;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>
/// The baseline every other planner is compared with: the same ratio in every group, the smallest that meets the
/// budget, found by bisection on the pruned model's cost. Structured plans round kept channel counts to the target's
/// preferred multiple (its SIMD width in floats, for a CPU), so a layer does not stop just short of a full vector.
/// Works for channel, head, unstructured and block granularity (whatever carries a ratio).
/// </summary>
public sealed class UniformPlanner : IPlanner
{
    private const int Iterations = 12;

    /// <summary>The largest ratio tried; past it a model is rarely worth keeping.</summary>
    public const double LargestRatio = 0.95;

    /// <inheritdoc/>
    public string Name => "uniform";

    /// <inheritdoc/>
    public PlannerResult Plan(PlanningRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Budget.Validate();
        var options = request.Options;
        if (options.Granularity is not (PruningGranularity.Channel or PruningGranularity.Head or PruningGranularity.Unstructured or PruningGranularity.Block))
        {
            throw new InvalidOptionException($"the uniform planner sets a ratio, which {PruningGranularityNames.Name(options.Granularity)} pruning does not take", nameof(request));
        }
        var template = options with
        {
            RoundTo = options.IsStructured ? Math.Max(options.RoundTo, request.Target.PrimaryChannelMultiple()) : options.RoundTo,
            Threshold = null,
        };
        var reference = request.Reference ?? request.Costs.Measure(request.Model);
        (PruningPlan Plan, ModelCost Cost) Try(double ratio)
        {
            var plan = Pruner.Plan(request.Model, template with { Ratio = ratio }, request.Gradients);
            return (plan, request.Costs.Measure(Pruner.Apply(request.Model, plan, options.Shapes)));
        }
        bool Meets(ModelCost cost) => CostMeter.Meets(cost, reference, request.Budget);

        var best = Try(0);
        var bestRatio = 0.0;
        var met = Meets(best.Cost);
        if (!met)
        {
            var (low, high) = (0.0, LargestRatio);
            var largest = Try(high);
            (best, bestRatio, met) = (largest, high, Meets(largest.Cost));
            for (var i = 0; met && i < Iterations; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                var middle = (low + high) / 2;
                var attempt = Try(middle);
                if (Meets(attempt.Cost))
                {
                    (high, best, bestRatio) = (middle, attempt, middle);
                }
                else
                {
                    low = middle;
                }
                progress?.Report(new OperationProgress("planning", i + 1, Iterations, string.Create(CultureInfo.InvariantCulture,
                    $"ratio {middle:0.000}: {CostMeter.Ratio(attempt.Cost, reference, request.Budget):0.000}× of the budget")));
            }
        }
        var note = string.Create(CultureInfo.InvariantCulture,
            $"uniform ratio {bestRatio:0.000} for a budget of {request.Budget}: {CostMeter.Ratio(best.Cost, reference, request.Budget):0.000}× of the limit");
        return new PlannerResult
        {
            Plan = best.Plan with { Notes = [.. best.Plan.Notes, note] },
            Planner = Name,
            Reference = reference,
            Cost = best.Cost,
            Met = met,
            Ratio = bestRatio,
            Decisions = [.. best.Plan.Groups.Select(g => new PlanDecision(g.Key, g.Granularity, g.Units, g.Units - (int)Math.Round(g.Amount * g.Units),
                string.Create(CultureInfo.InvariantCulture, $"the same ratio {bestRatio:0.000} as every other group")))],
        };
    }
}
