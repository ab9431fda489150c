namespace Shears.Pruning.Importance;

/// <summary>How to score the units (or weights) to prune: lowest scores go first.</summary>
public enum ImportanceCriterion
{
    /// <summary>Sum of absolute weights.</summary>
    L1,

    /// <summary>Euclidean norm of the weights.</summary>
    L2,

    /// <summary>First-order Taylor estimate of the loss change, |Σ w·∂L/∂w|, from gradients on a data sample.</summary>
    Taylor,

    /// <summary>Absolute BatchNorm (or LayerNorm) scale of the channel.</summary>
    BatchNorm,

    /// <summary>Uniform random scores from a seed: the baseline every criterion must beat.</summary>
    Random,
}
