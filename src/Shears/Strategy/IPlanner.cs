namespace Shears.Strategy;

/// <summary>
/// Designs a pruning plan for a budget on a target. Planners differ in how they split the budget between layers
/// (the same ratio everywhere, by measured sensitivity, by a latency knapsack, by search); each is one type, chosen by
/// <see cref="Name"/>, and none applies its plan.
/// </summary>
public interface IPlanner
{
    /// <summary>The planner's name as the command line spells it: "uniform", "sensitivity", "latency", "search".</summary>
    string Name { get; }

    /// <summary>A plan for the request's model that meets its budget, or the closest one found (with <see cref="PlannerResult.Met"/> false).</summary>
    /// <param name="request">The model, target, budget, latency model, and the data a planner may use.</param>
    /// <param name="progress">Told as the planner advances.</param>
    /// <param name="cancellation">Checked between steps; cancelling throws <see cref="OperationCanceledException"/>.</param>
    PlannerResult Plan(PlanningRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default);
}
