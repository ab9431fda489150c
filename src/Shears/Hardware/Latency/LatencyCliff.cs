namespace Shears.Hardware.Latency;

/// <summary>A channel count where latency jumps: one channel more than <see cref="Channels"/> − 1 costs <see cref="Jump"/> more.</summary>
/// <param name="Channels">The first count after the jump.</param>
/// <param name="BeforeMs">Latency at one channel fewer.</param>
/// <param name="AfterMs">Latency at <paramref name="Channels"/>.</param>
public sealed record LatencyCliff(int Channels, double BeforeMs, double AfterMs)
{
    /// <summary>Relative increase, e.g. 0.25 for 25% slower.</summary>
    public double Jump => BeforeMs > 0 ? (AfterMs / BeforeMs) - 1 : double.PositiveInfinity;
}
