namespace Shears.Hardware.Latency;

/// <summary>
/// One timed sample: elapsed milliseconds and, where the thread clock is usable, CPU milliseconds, per run; a sample
/// of several short runs timed together holds their mean.
/// </summary>
/// <param name="WallMs">Elapsed milliseconds per run.</param>
/// <param name="CpuMs">The calling thread's CPU milliseconds per run; null where that clock is unavailable.</param>
/// <param name="Runs">Runs the sample timed together.</param>
public readonly record struct RunTiming(double WallMs, double? CpuMs, int Runs = 1)
{
    /// <summary>
    /// True when the thread ran for (nearly) all of the elapsed time, i.e. no other process took
    /// the core in between; only such runs time a kernel undisturbed.
    /// </summary>
    /// <param name="cpuShare">The least share of the elapsed time the thread must have run for.</param>
    public bool IsUndisturbed(double cpuShare) => CpuMs is { } cpu && cpu >= WallMs * cpuShare;
}
