namespace Shears.Engine.Kernels;

/// <summary>
/// An instruction-set implementation of the compute kernels, named after its technique.
/// Every variant computes the same results up to floating-point rounding.
/// </summary>
public enum KernelVariant
{
    /// <summary>Plain scalar arithmetic; runs everywhere and serves as the reference.</summary>
    Scalar,

    /// <summary>Portable 128-bit vectors (SSE on x64, NEON on Arm), fused multiply-add where the hardware has it.</summary>
    Vector128,

    /// <summary>256-bit AVX2 vectors with FMA3 fused multiply-add.</summary>
    Avx2Fma,

    /// <summary>512-bit AVX-512F vectors with fused multiply-add.</summary>
    Avx512,
}
