using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>Runs a model on this machine and times it, whole and per node.</summary>
public interface ILatencyMeter
{
    /// <summary>The runtime the meter times in, such as the Shears engine or ONNX Runtime.</summary>
    LatencyRuntime Runtime { get; }

    /// <summary>Times the model at the options' threads and batch (the first axis of every runtime input).</summary>
    LatencyMeasurement Measure(Model model, MeasurementOptions options);
}
