using Shears.Strategy;

namespace Shears.Optimization;

/// <summary>One iteration of the loop: the step's target, what the pruned and fine-tuned model cost and scored, and the verdict.</summary>
public sealed record IterationRecord
{
    /// <summary>1-based iteration number.</summary>
    public required int Index { get; init; }

    /// <summary>This step's target as a fraction of the dense model's budgeted quantity (the schedule's value).</summary>
    public required double TargetFraction { get; init; }

    /// <summary>The model's cost after this iteration.</summary>
    public required ModelCost Cost { get; init; }

    /// <summary>Accuracy on the validation split (held-out training data), in [0, 1].</summary>
    public required double ValidationAccuracy { get; init; }

    /// <summary>Mean loss on the validation split.</summary>
    public required double ValidationLoss { get; init; }

    /// <summary>Fine-tuning epochs spent in this iteration.</summary>
    public required double Epochs { get; init; }

    /// <summary>Whether the iteration's model was kept as the loop's current model.</summary>
    public required bool Accepted { get; init; }

    /// <summary>What happened, e.g. "accepted: 0.41× latency" or "rejected: validation accuracy fell 2.1 points".</summary>
    public required string Note { get; init; }

    /// <summary>Wall time the iteration took, in seconds.</summary>
    public double Seconds { get; init; }
}
