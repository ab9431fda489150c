namespace Shears.Hardware.Latency;

/// <summary>The inference runtime a latency figure belongs to: timings of one never stand in for the other.</summary>
public enum LatencyRuntime
{
    /// <summary>ONNX Runtime on the CPU (the reference runtime).</summary>
    OnnxRuntime,

    /// <summary>The Shears engine's own kernels.</summary>
    Engine,
}
