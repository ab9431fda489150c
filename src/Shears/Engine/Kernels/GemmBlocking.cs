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

    /// <summary>
    /// The depth of each block for a product of depth <paramref name="k"/>: one block up to half again
    /// <see cref="Depth"/>, since a thin trailing block (K = 288 as 256 + 32, a 3×3 convolution over
    /// 32 channels) costs a whole extra pass over C and measured 7% slower than one deeper block.
    /// </summary>
    public static int DepthStep(int k)
    {
        if (k <= Depth * 3 / 2)
        {
            return Math.Max(1, k);
        }
        // Deeper products: equal blocks of at most Depth (784 as 4 × 196, not 3 × 256 + 16).
        var blocks = (k + Depth - 1) / Depth;
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Rows (M) of one packed A block; a multiple of every tile height (6 and 12).</summary>
    public const int Rows = 144;

    /// <summary>Columns (N) of one packed B block; a multiple of every panel width.</summary>
    public const int Columns = 2048;

    /// <summary>
    /// Whether rows <paramref name="lda"/> floats apart fall into different L1 sets: a row stride
    /// that is a multiple of 4 KiB puts a tile's twelve rows in one 8-way set, and reading A in
    /// place then measured 7-20% slower (1024² products) than packing it.
    /// </summary>
    public static bool RowsSpreadOverCacheSets(nint lda) => lda % 1024 != 0;

    /// <summary>Below this many multiply-adds per thread, extra threads cost more than they save.</summary>
    public const long MinMultiplyAddsPerThread = 1L << 21;

    /// <summary>Threads worth using for a product of <paramref name="multiplyAdds"/> multiply-adds, at most <paramref name="threads"/>.</summary>
    public static int ThreadsFor(long multiplyAdds, int threads) =>
        (int)Math.Clamp(multiplyAdds / MinMultiplyAddsPerThread, 1, Math.Max(1, threads));
}
