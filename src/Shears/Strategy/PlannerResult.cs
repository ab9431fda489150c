using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>A planner's answer: the plan, its cost beside the reference's, whether it meets the budget, and why it looks as it does.</summary>
public sealed record PlannerResult
{
    /// <summary>The plan, re-applicable with <see cref="Pruner.Apply"/>.</summary>
    public required PruningPlan Plan { get; init; }

    /// <summary>The planner that made it.</summary>
    public required string Planner { get; init; }

    /// <summary>The cost fractional budgets are of (the dense model's).</summary>
    public required ModelCost Reference { get; init; }

    /// <summary>The cost of the model the plan gives.</summary>
    public required ModelCost Cost { get; init; }

    /// <summary>Whether <see cref="Cost"/> is within the budget.</summary>
    public required bool Met { get; init; }

    /// <summary>The one ratio every group was given, for planners that use one (uniform); null otherwise.</summary>
    public double? Ratio { get; init; }

    /// <summary>Per layer or group, why the planner chose its amount and granularity (the hardware evidence it followed).</summary>
    public IReadOnlyList<PlanDecision> Decisions { get; init; } = [];

    /// <summary>Candidates a search scored, with the ones on the Pareto front marked; empty for planners that do not search.</summary>
    public IReadOnlyList<PlanCandidate> Candidates { get; init; } = [];
}
