namespace Shears.Hardware.Latency;

/// <summary>One row of measured beside predicted: a model node, or a node the runtime inserted (predicted null).</summary>
/// <param name="Name">Model node display name, or the runtime's node name.</param>
/// <param name="Op">Operator.</param>
/// <param name="MeasuredMs">Measured time; null when the runtime fused the node into another.</param>
/// <param name="PredictedMs">Predicted time; null for nodes only the runtime has.</param>
/// <param name="Source">How the prediction was made; null without one.</param>
public sealed record LayerComparison(string Name, string Op, double? MeasuredMs, double? PredictedMs, LatencySource? Source);
