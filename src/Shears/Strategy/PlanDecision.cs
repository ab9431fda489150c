using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>One group's decision and the reason for it, for reports ("kept 48 of 64: the latency table steps at multiples of 16").</summary>
/// <param name="Group">The plan group's key.</param>
/// <param name="Granularity">How the group is pruned.</param>
/// <param name="UnitsBefore">Units (channels, heads, weights) before.</param>
/// <param name="UnitsAfter">Units kept (for masks: non-zero weights).</param>
/// <param name="Reason">Why, in one sentence naming the evidence.</param>
public sealed record PlanDecision(string Group, PruningGranularity Granularity, int UnitsBefore, int UnitsAfter, string Reason);
