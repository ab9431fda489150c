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

    /// <summary>
    /// Whether 3×3 stride-1 convolutions with more than 16 input and output channels run as Winograd
    /// F(2×2, 3×3) (2.25× fewer multiplications) rather than im2col + GEMM. On unless SHEARS_WINOGRAD=0.
    /// </summary>
    public static bool Winograd
    {
        get => Kernels.Winograd.Enabled;
        set => Kernels.Winograd.Enabled = value;
    }
}
