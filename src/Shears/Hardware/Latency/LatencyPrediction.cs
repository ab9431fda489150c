namespace Shears.Hardware.Latency;

/// <summary>A latency model's answer for one model at one setting: per-node figures and the fixed cost of a run.</summary>
public sealed record LatencyPrediction
{
    /// <summary>The runtime, threads and batch the prediction is for.</summary>
    public required LatencySettings Settings { get; init; }

    /// <summary>Which model answered, e.g. "measured (tables of host 664f…) with analytic fallback".</summary>
    public required string Method { get; init; }

    /// <summary>Every node that runs, in graph order (shape arithmetic folded away is left out).</summary>
    public required IReadOnlyList<LayerLatency> Layers { get; init; }

    /// <summary>Cost of a run beyond its nodes: dispatch, layout changes the runtime inserts, input and output handling.</summary>
    public required double OverheadMs { get; init; }

    /// <summary>Predicted whole-model time in milliseconds: every node plus <see cref="OverheadMs"/>.</summary>
    public double TotalMs => Layers.Sum(layer => layer.Ms) + OverheadMs;
}
