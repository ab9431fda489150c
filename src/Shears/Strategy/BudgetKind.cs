namespace Shears.Strategy;

/// <summary>What a <see cref="PruningBudget"/> limits.</summary>
public enum BudgetKind
{
    /// <summary>Multiply-accumulates of one forward pass.</summary>
    Macs,

    /// <summary>Non-zero parameters (weights and biases): zeroed weights do not count.</summary>
    Parameters,

    /// <summary>Latency on the target: measured on the host, otherwise as the target's latency model predicts it.</summary>
    Latency,

    /// <summary>Bytes of the model's dense weights, as written to the ONNX file.</summary>
    Bytes,
}
