namespace Shears.Engine.Kernels;

/// <summary>
/// Cache blocking of the packed GEMM. A depth block of one B panel (Depth x 2 registers) stays in
/// L1 while the A panels of a row block stream from L2; a packed A block (Rows x Depth) fits in
/// half of a 1 MiB L2 and a packed B block (Depth x Columns) in a share of L3.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>Depth (K) of one packed block.</summary>
    public const int Depth = 256;

    /// <summary>Rows (M) of one packed A block; a multiple of every tile height (6 and 12).</summary>
    public const int Rows = 144;

    /// <summary>Columns (N) of one packed B block; a multiple of every panel width.</summary>
    public const int Columns = 2048;

    /// <summary>Below this many multiply-adds per thread, extra threads cost more than they save.</summary>
    public const long MinMultiplyAddsPerThread = 1L << 21;

    /// <summary>Threads worth using for a product of <paramref name="multiplyAdds"/> multiply-adds.</summary>
    public static int ThreadsFor(long multiplyAdds) =>
        (int)Math.Clamp(multiplyAdds / MinMultiplyAddsPerThread, 1, KernelThreading.EffectiveThreadCount);
}
