namespace Shears.Hardware.Latency;

/// <summary>One timed run: elapsed milliseconds and, where the thread clock is usable, CPU milliseconds.</summary>
public readonly record struct RunTiming(double WallMs, double? CpuMs)
{
    /// <summary>
    /// True when the thread ran for (nearly) all of the elapsed time, i.e. no other process took
    /// the core in between; only such runs time a kernel undisturbed.
    /// </summary>
    public bool IsUndisturbed(double cpuShare) => CpuMs is { } cpu && cpu >= WallMs * cpuShare;
}
