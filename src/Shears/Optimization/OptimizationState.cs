using Shears.Strategy;

namespace Shears.Optimization;

/// <summary>
/// Where an optimisation run stands, as written after every iteration: enough to continue it after a crash without
/// repeating or losing finished work. The models it names sit beside it in the checkpoint folder.
/// </summary>
internal sealed record OptimizationState
{
    public const string FormatName = "shears.optimization-checkpoint";

    public string Format { get; init; } = FormatName;

    public int Version { get; init; } = 1;

    /// <summary>Hash of the input model, data sizes and options: a resume with anything else would not be the same run.</summary>
    public required string RunKey { get; init; }

    /// <summary>The input model's cost, measured once so every later decision compares with the same figures.</summary>
    public required ModelCost DenseCost { get; init; }

    public required double DenseValidationAccuracy { get; init; }

    public required double DenseValidationLoss { get; init; }

    public IReadOnlyList<IterationRecord> Records { get; init; } = [];

    /// <summary>Schedule steps accepted so far.</summary>
    public int Step { get; init; }

    /// <summary>Retries of the current step after it broke the accuracy floor.</summary>
    public int Adjustments { get; init; }

    /// <summary>The schedule fraction of the last accepted step (1 before any).</summary>
    public double AcceptedFraction { get; init; } = 1;

    /// <summary>Iterations in a row that brought the cost down by less than 1%.</summary>
    public int Stale { get; init; }

    /// <summary>The current model's file in the checkpoint folder; null while it is the input model.</summary>
    public string? CurrentModel { get; init; }

    /// <summary>Set when the loop has stopped.</summary>
    public string? StopReason { get; init; }

    /// <summary>The finally fine-tuned model's file; null until that phase is done.</summary>
    public string? FinalModel { get; init; }

    /// <summary>Epochs the final phase kept (the best on the validation split).</summary>
    public int FinalEpochsKept { get; init; }

    /// <summary>The final model's validation accuracy, which the accuracy floor is judged on.</summary>
    public double FinalValidationAccuracy { get; init; }

    public IReadOnlyList<PlanDecision> Decisions { get; init; } = [];

    public IReadOnlyList<PlanCandidate> Candidates { get; init; } = [];

    public ModelSnapshot? DenseControl { get; init; }

    public ModelSnapshot? UniformBaseline { get; init; }
}
