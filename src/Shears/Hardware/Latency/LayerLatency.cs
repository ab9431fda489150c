namespace Shears.Hardware.Latency;

/// <summary>The predicted latency of one model node.</summary>
/// <param name="Name">The node's display name.</param>
/// <param name="Op">Its operator.</param>
/// <param name="Ms">Predicted milliseconds per run.</param>
/// <param name="Source">How the figure was obtained.</param>
public sealed record LayerLatency(string Name, string Op, double Ms, LatencySource Source);
