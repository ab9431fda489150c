namespace Shears.Hardware.Latency;

/// <summary>Lines up a measurement and a prediction of the same model, node by node.</summary>
public static class LatencyComparison
{
    /// <summary>
    /// Model nodes in graph order with their measured time (the runtime nodes credited to them,
    /// summed) and predicted time, then the nodes the runtime inserted.
    /// </summary>
    public static IReadOnlyList<LayerComparison> Rows(LatencyMeasurement measurement, LatencyPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(prediction);
        var measured = measurement.LayerMs();
        var rows = prediction.Layers
            .Select(layer => new LayerComparison(layer.Name, layer.Op, measured.TryGetValue(layer.Name, out var ms) ? ms : null, layer.Ms, layer.Source))
            .ToList();
        var predicted = prediction.Layers.Select(layer => layer.Name).ToHashSet(StringComparer.Ordinal);
        // Credited to a layer the prediction does not list (folded away there): keep it visible.
        rows.AddRange(measured.Where(pair => !predicted.Contains(pair.Key)).Select(pair => new LayerComparison(pair.Key, "", pair.Value, null, null)));
        rows.AddRange(measurement.Nodes.Where(node => node.Layer is null).Select(node => new LayerComparison(node.Name, node.Op, node.Ms, null, null)));
        return rows;
    }
}
