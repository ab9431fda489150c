using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// A model's measured latency on a host beside the latency model's prediction, layer by layer, and
/// where and when both were made. `shears profile` renders it; <see cref="ProfileReportJson"/> writes it.
/// </summary>
/// <param name="Model">The model's display name (its file name).</param>
/// <param name="Host">The host measured on.</param>
/// <param name="Measurement">Whole-model and per-node timings.</param>
/// <param name="Prediction">What the latency model predicted for the same settings.</param>
/// <param name="MeasuredAt">When the measurement was taken.</param>
public sealed record ProfileReport(string Model, HardwareProfile Host, LatencyMeasurement Measurement, LatencyPrediction Prediction, DateTimeOffset MeasuredAt)
{
    /// <summary>Model nodes with measured and predicted times, then the nodes only the runtime has.</summary>
    public IReadOnlyList<LayerComparison> Rows { get; } = LatencyComparison.Rows(Measurement, Prediction);

    /// <summary>
    /// The measured layer times summed. They come from a per-node pass (ONNX Runtime's profiler, the engine's kernel
    /// timers) separate from the whole-model timing, so they need not add up to <see cref="LatencyMeasurement.MedianMs"/>.
    /// </summary>
    public double LayerSumMs => Rows.Sum(row => row.MeasuredMs ?? 0);

    /// <summary>
    /// Whether the layer times add up to the whole-model median within 10%; when not, the gap is the per-node timers'
    /// own cost or the runtime's work between nodes, and reports say so.
    /// </summary>
    public bool LayersMatchTotal => Rows.Any(row => row.MeasuredMs is not null)
        && Math.Abs(LayerSumMs - Measurement.MedianMs) <= 0.1 * Measurement.MedianMs;

    /// <summary>The runtime measured in, as reports name it ("engine" or "onnxruntime").</summary>
    public string RuntimeName => LatencySettings.RuntimeName(Measurement.Settings.Runtime);

    /// <summary>
    /// Predicts <paramref name="model"/> with the best latency model the host has for the settings
    /// (after measuring its tables when <paramref name="buildTables"/>), then measures it.
    /// </summary>
    public static ProfileReport Measure(
        Model model,
        string name,
        HardwareProfile host,
        ILatencyMeter meter,
        MeasurementOptions measurement,
        LatencyTableStore store,
        bool buildTables = false,
        TimeProvider? time = null,
        IProgress<OperationProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(measurement);
        var settings = measurement.Settings;
        if (buildTables)
        {
            LatencyTableBuilder.BuildCached(store, host, settings, meter, model, progress, cancellation);
        }
        var prediction = LatencyModels.ForTarget(host, settings, store).Predict(model, settings);
        var measured = meter.Measure(model, measurement);
        return new ProfileReport(name, host, measured, prediction, (time ?? TimeProvider.System).GetUtcNow());
    }
}
