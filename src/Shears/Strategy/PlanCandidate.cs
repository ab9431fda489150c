namespace Shears.Strategy;

/// <summary>A plan a search scored: its latency (or budgeted cost) and accuracy proxy, and whether no other candidate beats it on both.</summary>
/// <param name="Label">What distinguishes it, e.g. "step 3: conv2 −16".</param>
/// <param name="Cost">The budgeted quantity (milliseconds for a latency budget), at the budget's first batch.</param>
/// <param name="Accuracy">The accuracy proxy on held-out training data, in [0, 1].</param>
/// <param name="OnFront">True when it is on the Pareto front (no candidate is both cheaper and more accurate).</param>
public sealed record PlanCandidate(string Label, double Cost, double Accuracy, bool OnFront);
