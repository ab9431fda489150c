using Shears.Engine.Kernels;

namespace Shears.Engine;

/// <summary>Process-wide engine settings.</summary>
public static class EngineSettings
{
    /// <summary>Worker threads for kernels (default: SHEARS_THREADS or the processor count); one setting for every kernel.</summary>
    public static int Threads
    {
        get => KernelThreading.EffectiveThreadCount;
        set => KernelThreading.ThreadCount = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "at least one thread");
    }
}
