using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>A plan that meets a budget, with the figures it was chosen by.</summary>
/// <param name="Plan">The plan, re-applicable with <see cref="Pruner.Apply"/>.</param>
/// <param name="Ratio">The uniform ratio the search settled on.</param>
/// <param name="Dense">The dense model's value of the budgeted quantity (MACs, parameters, or predicted ms).</param>
/// <param name="Pruned">The pruned model's value of it.</param>
/// <param name="Met">Whether <paramref name="Pruned"/> is within the budget; false when even the largest ratio tried is not.</param>
public sealed record BudgetPlan(PruningPlan Plan, double Ratio, double Dense, double Pruned, bool Met)
{
    /// <summary>The pruned value as a fraction of the dense one.</summary>
    public double Fraction => Dense > 0 ? Pruned / Dense : 1;
}
