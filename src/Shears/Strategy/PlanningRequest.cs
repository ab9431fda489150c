using Shears.Data;
using Shears.Engine;
using Shears.Hardware;
using Shears.IR;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>Everything a planner may use: the model, the target and its latency model, the budget, and held-out data.</summary>
public sealed record PlanningRequest
{
    /// <summary>The model to plan for (dense, or already pruned by earlier steps of a loop); not changed.</summary>
    public required Model Model { get; init; }

    /// <summary>The hardware: channel multiples, sparsity support, systolic-array shape.</summary>
    public required HardwareProfile Target { get; init; }

    /// <summary>What to stay within. Fractions are of <see cref="Reference"/> when it is set, else of <see cref="Model"/>.</summary>
    public required PruningBudget Budget { get; init; }

    /// <summary>Takes the costs the budget is judged by (latency measured on the host, or predicted for another target).</summary>
    public required CostMeter Costs { get; init; }

    /// <summary>
    /// Predicts latency between measurements, for planners that price many candidates (the latency planner's knapsack);
    /// null uses <see cref="CostMeter.Latency"/> when it predicts, and the target's roofline when it measures.
    /// </summary>
    public Hardware.Latency.ILatencyModel? Predictor { get; init; }

    /// <summary>The dense model's cost that fractional budgets are of; null to take <see cref="Model"/>'s own.</summary>
    public ModelCost? Reference { get; init; }

    /// <summary>
    /// Criterion, scope, mode, nodes to ignore, shape bindings; its granularity is the planner's default choice,
    /// and its ratio is ignored (the planner sets amounts).
    /// </summary>
    public PruningOptions Options { get; init; } = new();

    /// <summary>Gradients for the Taylor criterion, when it is chosen.</summary>
    public IReadOnlyDictionary<string, float[]>? Gradients { get; init; }

    /// <summary>Training data a planner may fine-tune on (the search planner's accuracy proxy); never the test set.</summary>
    public IBatchSource? Train { get; init; }

    /// <summary>Held-out training data to score accuracy on (sensitivity scans, search candidates); never the test set.</summary>
    public IBatchSource? Validation { get; init; }

    /// <summary>Engine threads and kernels for any training or evaluation a planner does.</summary>
    public EngineOptions? Engine { get; init; }

    /// <summary>Seed for everything random a planner does.</summary>
    public ulong Seed { get; init; }
}
