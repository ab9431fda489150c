using Shears.IR;

namespace Shears.Optimization;

/// <summary>What a run produced: the optimised model and the report describing it.</summary>
/// <param name="Model">The optimised model (the best found, when the budget was not met).</param>
/// <param name="Report">Every figure of the run.</param>
public sealed record OptimizationResult(Model Model, OptimizationReport Report);
