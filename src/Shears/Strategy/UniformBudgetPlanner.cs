using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>
/// The uniform planner behind <see cref="ShearsModel.Plan(HardwareProfile, PruningBudget, PruningOptions?, Data.IBatchSource?, IProgress{OperationProgress}?, CancellationToken)"/>:
/// the smallest uniform ratio within a budget, judged by analysis and, for latency, the target's latency model.
/// </summary>
public static class UniformBudgetPlanner
{
    /// <summary>Plans <paramref name="model"/> for <paramref name="budget"/> on <paramref name="target"/>.</summary>
    /// <returns>The plan, its ratio and measure; when even the largest ratio (0.95) misses the budget, that plan with <c>Met</c> false.</returns>
    /// <param name="model">The dense model; not changed.</param>
    /// <param name="target">The hardware: its preferred channel multiple rounds the kept counts, and its analytic latency model serves a latency budget.</param>
    /// <param name="budget">What to stay within.</param>
    /// <param name="options">Granularity (channel or head), criterion and the rest; its ratio is what the search sets. Null: channels by L1.</param>
    /// <param name="latency">Predicts latency for a <see cref="BudgetKind.Latency"/> budget; null uses the target's analytic model.</param>
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
        var chosen = options ?? new PruningOptions();
        if (chosen.Granularity is not (PruningGranularity.Channel or PruningGranularity.Head))
        {
            throw new InvalidOptionException($"a budget is planned over channels or heads, not {PruningGranularityNames.Name(chosen.Granularity)}", nameof(options));
        }
        var predictor = budget.Kind == BudgetKind.Latency ? latency ?? new AnalyticLatencyModel(target) : null;
        var result = new UniformPlanner().Plan(new PlanningRequest
        {
            Model = model,
            Target = target,
            Budget = budget,
            Costs = new CostMeter(predictor, LatencySettings.Default, budget.Batches),
            Options = chosen,
            Gradients = gradients,
        }, progress, cancellation);
        var batch = budget.Batches[0];
        return new BudgetPlan(result.Plan, result.Ratio ?? 0, result.Reference.Of(budget.Kind, batch), result.Cost.Of(budget.Kind, batch), result.Met);
    }
}
