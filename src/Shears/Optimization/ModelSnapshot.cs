using Shears.Strategy;

namespace Shears.Optimization;

/// <summary>One model's figures on the test set: accuracy, loss, size and latency.</summary>
public sealed record ModelSnapshot
{
    /// <summary>What the model is: "dense", "optimised", "dense control", "uniform baseline".</summary>
    public required string Label { get; init; }

    /// <summary>Top-1 accuracy on the test set, in [0, 1].</summary>
    public required double Accuracy { get; init; }

    /// <summary>Mean cross-entropy loss on the test set.</summary>
    public required double Loss { get; init; }

    /// <summary>MACs, non-zero parameters, bytes and latency per batch.</summary>
    public required ModelCost Cost { get; init; }

    /// <summary>Epochs of fine-tuning the model received beyond the input model.</summary>
    public double Epochs { get; init; }
}
