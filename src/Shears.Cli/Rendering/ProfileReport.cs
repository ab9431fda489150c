using Shears.Hardware;
using Shears.Hardware.Latency;

namespace Shears.Cli.Rendering;

/// <summary>What `shears profile` shows: the measurement, the prediction, and where and when they were made.</summary>
internal sealed record ProfileReport(string Model, HardwareProfile Host, LatencyMeasurement Measurement, LatencyPrediction Prediction, DateTimeOffset MeasuredAt)
{
    public IReadOnlyList<LayerComparison> Rows { get; } = LatencyComparison.Rows(Measurement, Prediction);

    public string RuntimeName => LatencySettings.RuntimeName(Measurement.Settings.Runtime);
}
