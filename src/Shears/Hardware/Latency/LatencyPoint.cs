namespace Shears.Hardware.Latency;

/// <summary>One measured point of a latency curve: time at a channel count.</summary>
public readonly record struct LatencyPoint(int Channels, double Ms);
