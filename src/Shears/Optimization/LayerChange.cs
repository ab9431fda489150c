namespace Shears.Optimization;

/// <summary>One prunable layer before and after: channels, sparsity, latency measured and predicted, and why.</summary>
public sealed record LayerChange
{
    /// <summary>The layer's node name.</summary>
    public required string Name { get; init; }

    /// <summary>Its operator.</summary>
    public required string Op { get; init; }

    /// <summary>Output channels (or features) before.</summary>
    public required int ChannelsBefore { get; init; }

    /// <summary>Output channels (or features) after.</summary>
    public required int ChannelsAfter { get; init; }

    /// <summary>Fraction of its weights that were zero before, in [0, 1].</summary>
    public double SparsityBefore { get; init; }

    /// <summary>Fraction of its weights that are zero after, in [0, 1].</summary>
    public double SparsityAfter { get; init; }

    /// <summary>Measured time of the layer before, at the first batch, in milliseconds; null when not measured.</summary>
    public double? MeasuredMsBefore { get; init; }

    /// <summary>Measured time after.</summary>
    public double? MeasuredMsAfter { get; init; }

    /// <summary>The latency model's prediction before.</summary>
    public double? PredictedMsBefore { get; init; }

    /// <summary>The latency model's prediction after.</summary>
    public double? PredictedMsAfter { get; init; }

    /// <summary>Why the planner chose this layer's amount and granularity.</summary>
    public string Reason { get; init; } = "";
}
