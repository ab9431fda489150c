namespace Shears.Hardware.Latency;

/// <summary>Where a predicted layer latency comes from.</summary>
public enum LatencySource
{
    /// <summary>Read from a latency table measured on the target.</summary>
    Measured,

    /// <summary>Estimated from the target's compute and bandwidth (roofline).</summary>
    Analytic,

    /// <summary>Runs inside the layer before it (the runtime fuses it), so it costs nothing of its own.</summary>
    Fused,
}
