using System.Globalization;
using Shears.Analysis;
using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>
/// The baseline planner for a budget: the same structured ratio in every group, the smallest that meets the budget,
/// found by bisection on the pruned model's MACs, parameters or predicted latency. Kept channel counts are rounded to
/// the target's preferred channel multiple (its SIMD width in floats, for a CPU), so the plan does not stop just short
/// of a full vector. Budget-aware planners that vary the ratio per layer build on this one.
/// </summary>
public static class UniformBudgetPlanner
{
    private const int Iterations = 12;
    private const double LargestRatio = 0.95;

    /// <summary>Plans <paramref name="model"/> for <paramref name="budget"/> on <paramref name="target"/>.</summary>
    /// <returns>The plan, its ratio and measure; when even the largest ratio (0.95) misses the budget, that plan with <c>Met</c> false.</returns>
    /// <param name="model">The dense model; not changed.</param>
    /// <param name="target">The hardware: its preferred channel multiple rounds the kept counts, and its analytic latency model serves a latency budget.</param>
    /// <param name="budget">What to stay within, as a fraction of the dense model's MACs, parameters or latency.</param>
    /// <param name="options">Granularity (channel or head), criterion and the rest; its ratio is what the search sets. Null: channels by L1.</param>
    /// <param name="latency">Predicts latency for a <see cref="BudgetKind.Latency"/> budget; null uses the target's analytic model at batch 1.</param>
    /// <param name="gradients">Gradients for the Taylor criterion, from <see cref="Pruning.Importance.GradientSampler"/>.</param>
    /// <param name="progress">Told after each of the 12 bisection steps.</param>
    /// <param name="cancellation">Checked before each bisection step; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public static BudgetPlan Plan(Model model, HardwareProfile target, PruningBudget budget, PruningOptions? options = null,
        ILatencyModel? latency = null, IReadOnlyDictionary<string, float[]>? gradients = null,
        IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(budget);
        budget.Validate();
        var template = (options ?? new PruningOptions()) with { RoundTo = Math.Max(options?.RoundTo ?? 1, target.PrimaryChannelMultiple()) };
        if (template.Granularity is not (PruningGranularity.Channel or PruningGranularity.Head))
        {
            throw new InvalidOptionException($"a budget is planned over channels or heads, not {PruningGranularityNames.Name(template.Granularity)}", nameof(options));
        }
        var predictor = budget.Kind == BudgetKind.Latency ? latency ?? new AnalyticLatencyModel(target) : null;
        double Measure(Model m) => budget.Kind switch
        {
            BudgetKind.Macs => ModelAnalyzer.Analyze(m).Macs,
            BudgetKind.Parameters => ModelAnalyzer.Analyze(m).Parameters,
            _ => predictor!.Predict(m, LatencySettings.Default).TotalMs,
        };

        var dense = Measure(model);
        var limit = dense * budget.Fraction;
        (PruningPlan Plan, double Value) Try(double ratio)
        {
            var plan = Pruner.Plan(model, template with { Ratio = ratio }, gradients);
            return (plan, Measure(Pruner.Apply(model, plan)));
        }

        var best = Try(0);
        var bestRatio = 0.0;
        if (best.Value > limit)
        {
            var (low, high) = (0.0, LargestRatio);
            var largest = Try(high);
            if (largest.Value > limit)
            {
                return new BudgetPlan(WithNote(largest.Plan, budget, largest.Value, dense, high), high, dense, largest.Value, Met: false);
            }
            (best, bestRatio) = (largest, high);
            for (var i = 0; i < Iterations; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                var middle = (low + high) / 2;
                var attempt = Try(middle);
                if (attempt.Value <= limit)
                {
                    (high, best, bestRatio) = (middle, attempt, middle);
                }
                else
                {
                    low = middle;
                }
                progress?.Report(new OperationProgress("planning", i + 1, Iterations,
                    string.Create(CultureInfo.InvariantCulture, $"ratio {middle:0.000}: {attempt.Value / dense:0.000}× of the dense model")));
            }
        }
        return new BudgetPlan(WithNote(best.Plan, budget, best.Value, dense, bestRatio), bestRatio, dense, best.Value, Met: true);
    }

    private static PruningPlan WithNote(PruningPlan plan, PruningBudget budget, double value, double dense, double ratio) => plan with
    {
        Notes = [.. plan.Notes, string.Create(CultureInfo.InvariantCulture,
            $"uniform ratio {ratio:0.000} for a budget of {budget}: {value / dense:0.000}× of the dense model")],
    };
}
