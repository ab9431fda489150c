namespace Shears.Strategy;

/// <summary>What a <see cref="PruningBudget"/> limits.</summary>
public enum BudgetKind
{
    /// <summary>Multiply-accumulates of one forward pass.</summary>
    Macs,

    /// <summary>Parameters (weights and biases).</summary>
    Parameters,

    /// <summary>Latency on the target, as its latency model predicts it.</summary>
    Latency,
}
