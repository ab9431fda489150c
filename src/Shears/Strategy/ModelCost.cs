namespace Shears.Strategy;

/// <summary>What a budget can limit, for one model: MACs, non-zero parameters, weight bytes, and latency per batch size.</summary>
public sealed record ModelCost
{
    /// <summary>Multiply-accumulates of one forward pass at batch 1.</summary>
    public required long Macs { get; init; }

    /// <summary>Non-zero parameters (weights pruned to zero do not count).</summary>
    public required long Parameters { get; init; }

    /// <summary>Bytes of the dense weights as stored.</summary>
    public required long Bytes { get; init; }

    /// <summary>Whole-model latency in milliseconds per batch size the budget names; empty when no latency was asked for.</summary>
    public IReadOnlyList<BatchLatency> Latency { get; init; } = [];

    /// <summary>True when <see cref="Latency"/> was measured on this host; false when a latency model predicted it.</summary>
    public bool LatencyMeasured { get; init; }

    /// <summary>Latency at <paramref name="batch"/>, in milliseconds.</summary>
    /// <exception cref="KeyNotFoundException">The cost was not taken at that batch.</exception>
    public double LatencyAt(int batch) =>
        Latency.FirstOrDefault(l => l.Batch == batch)?.Ms ?? throw new KeyNotFoundException($"no latency at batch {batch}");

    /// <summary>The value <paramref name="kind"/> limits; for latency, the figure at <paramref name="batch"/>.</summary>
    public double Of(BudgetKind kind, int batch = 1) => kind switch
    {
        BudgetKind.Macs => Macs,
        BudgetKind.Parameters => Parameters,
        BudgetKind.Bytes => Bytes,
        _ => LatencyAt(batch),
    };
}
