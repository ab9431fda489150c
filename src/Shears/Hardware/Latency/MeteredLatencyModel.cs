using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// A latency model that answers by measuring: each question runs the model on this host through a meter. Planners and
/// the optimisation loop take any <see cref="ILatencyModel"/>, so on the host they decide by measured latency and
/// elsewhere by prediction without knowing which.
/// </summary>
public sealed class MeteredLatencyModel : ILatencyModel
{
    private readonly ILatencyMeter _meter;
    private readonly MeasurementOptions _measurement;

    /// <summary>Measures with <paramref name="meter"/>, sampling as <paramref name="measurement"/> says (its settings are replaced by each question's).</summary>
    /// <param name="meter">Times models on this host.</param>
    /// <param name="measurement">Warm-up, runs and clock; null uses <see cref="MeasurementOptions.Default"/> without per-node timing.</param>
    public MeteredLatencyModel(ILatencyMeter meter, MeasurementOptions? measurement = null)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
        _measurement = measurement ?? MeasurementOptions.Default with { PerNode = false };
    }

    /// <summary>The runtime the meter times in.</summary>
    public LatencyRuntime Runtime => _meter.Runtime;

    /// <summary>Measures <paramref name="model"/>: the whole-model median, and per node when the measurement options ask for it.</summary>
    public LatencyPrediction Predict(Model model, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var measured = _meter.Measure(model, _measurement with { Settings = settings with { Runtime = _meter.Runtime } });
        var layers = measured.Nodes.Select(node => new LayerLatency(node.Layer ?? node.Name, node.Op, node.Ms, LatencySource.Measured)).ToList();
        return new LatencyPrediction
        {
            Settings = measured.Settings,
            Method = $"measured in {LatencySettings.RuntimeName(_meter.Runtime)} on this host",
            Layers = layers,
            OverheadMs = measured.MedianMs - layers.Sum(layer => layer.Ms),
        };
    }
}
