using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// The register-blocked inner kernel: a tile of <see cref="ISimdOps{TVector}.TileRows"/> rows by
/// two registers of columns stays in registers for the whole depth loop. Each step loads two
/// registers of B and broadcasts one A value per row, so every load feeds two or more FMAs.
/// Only tile heights 6 and 12 are written out; the JIT drops the rows a variant does not use.
/// </summary>
internal static unsafe class GemmMicroKernel<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    /// <summary>
    /// <c>c = alpha * a * b + beta * c</c> for one full tile. <paramref name="a"/> holds
    /// <paramref name="depth"/> steps of TileRows values; <paramref name="b"/> holds one row of two
    /// registers per step, rows <paramref name="bStep"/> floats apart. C is not read when beta is 0.
    /// </summary>
    public static void Run(int depth, float* a, float* b, nint bStep, float* c, nint ldc, float alpha, float beta) =>
        Tile<FullHeight>(depth, a, TOps.TileRows, b, bStep, c, ldc, alpha, beta);

    /// <summary>
    /// The first six rows of a tile only, for the last rows of a 12-row variant's block (64 rows are
    /// five full tiles and four rows): half the work of running the full tile over zero padding.
    /// <paramref name="a"/> advances by <paramref name="aStep"/> floats per depth step (the packed panel height).
    /// </summary>
    public static void RunSixRows(int depth, float* a, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta) =>
        Tile<SixRows>(depth, a, aStep, b, bStep, c, ldc, alpha, beta);

    /// <summary>One tile of <typeparamref name="THeight"/> rows; a struct parameter, so the JIT compiles each height without the rows it does not use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<THeight>(int depth, float* a, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
        where THeight : struct, ITileHeight
    {
        var w = TOps.Width;
        var c0a = TOps.Zero; var c0b = TOps.Zero;
        var c1a = TOps.Zero; var c1b = TOps.Zero;
        var c2a = TOps.Zero; var c2b = TOps.Zero;
        var c3a = TOps.Zero; var c3b = TOps.Zero;
        var c4a = TOps.Zero; var c4b = TOps.Zero;
        var c5a = TOps.Zero; var c5b = TOps.Zero;
        var c6a = TOps.Zero; var c6b = TOps.Zero;
        var c7a = TOps.Zero; var c7b = TOps.Zero;
        var c8a = TOps.Zero; var c8b = TOps.Zero;
        var c9a = TOps.Zero; var c9b = TOps.Zero;
        var c10a = TOps.Zero; var c10b = TOps.Zero;
        var c11a = TOps.Zero; var c11b = TOps.Zero;
        for (var p = 0; p < depth; p++)
        {
            var b0 = TOps.Load(b);
            var b1 = TOps.Load(b + w);
            var x = TOps.Broadcast(a[0]);
            c0a = TOps.MultiplyAdd(x, b0, c0a); c0b = TOps.MultiplyAdd(x, b1, c0b);
            x = TOps.Broadcast(a[1]);
            c1a = TOps.MultiplyAdd(x, b0, c1a); c1b = TOps.MultiplyAdd(x, b1, c1b);
            x = TOps.Broadcast(a[2]);
            c2a = TOps.MultiplyAdd(x, b0, c2a); c2b = TOps.MultiplyAdd(x, b1, c2b);
            x = TOps.Broadcast(a[3]);
            c3a = TOps.MultiplyAdd(x, b0, c3a); c3b = TOps.MultiplyAdd(x, b1, c3b);
            x = TOps.Broadcast(a[4]);
            c4a = TOps.MultiplyAdd(x, b0, c4a); c4b = TOps.MultiplyAdd(x, b1, c4b);
            x = TOps.Broadcast(a[5]);
            c5a = TOps.MultiplyAdd(x, b0, c5a); c5b = TOps.MultiplyAdd(x, b1, c5b);
            if (THeight.Rows == 12)
            {
                x = TOps.Broadcast(a[6]);
                c6a = TOps.MultiplyAdd(x, b0, c6a); c6b = TOps.MultiplyAdd(x, b1, c6b);
                x = TOps.Broadcast(a[7]);
                c7a = TOps.MultiplyAdd(x, b0, c7a); c7b = TOps.MultiplyAdd(x, b1, c7b);
                x = TOps.Broadcast(a[8]);
                c8a = TOps.MultiplyAdd(x, b0, c8a); c8b = TOps.MultiplyAdd(x, b1, c8b);
                x = TOps.Broadcast(a[9]);
                c9a = TOps.MultiplyAdd(x, b0, c9a); c9b = TOps.MultiplyAdd(x, b1, c9b);
                x = TOps.Broadcast(a[10]);
                c10a = TOps.MultiplyAdd(x, b0, c10a); c10b = TOps.MultiplyAdd(x, b1, c10b);
                x = TOps.Broadcast(a[11]);
                c11a = TOps.MultiplyAdd(x, b0, c11a); c11b = TOps.MultiplyAdd(x, b1, c11b);
            }
            a += aStep;
            b += bStep;
        }
        var alphas = TOps.Broadcast(alpha);
        var betas = TOps.Broadcast(beta);
        var readC = beta != 0f;
        StoreRow(c, c0a, c0b, alphas, betas, readC);
        StoreRow(c + ldc, c1a, c1b, alphas, betas, readC);
        StoreRow(c + (2 * ldc), c2a, c2b, alphas, betas, readC);
        StoreRow(c + (3 * ldc), c3a, c3b, alphas, betas, readC);
        StoreRow(c + (4 * ldc), c4a, c4b, alphas, betas, readC);
        StoreRow(c + (5 * ldc), c5a, c5b, alphas, betas, readC);
        if (THeight.Rows == 12)
        {
            StoreRow(c + (6 * ldc), c6a, c6b, alphas, betas, readC);
            StoreRow(c + (7 * ldc), c7a, c7b, alphas, betas, readC);
            StoreRow(c + (8 * ldc), c8a, c8b, alphas, betas, readC);
            StoreRow(c + (9 * ldc), c9a, c9b, alphas, betas, readC);
            StoreRow(c + (10 * ldc), c10a, c10b, alphas, betas, readC);
            StoreRow(c + (11 * ldc), c11a, c11b, alphas, betas, readC);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, TVector low, TVector high, TVector alphas, TVector betas, bool readC)
    {
        var w = TOps.Width;
        low = TOps.Multiply(low, alphas);
        high = TOps.Multiply(high, alphas);
        if (readC)
        {
            low = TOps.MultiplyAdd(TOps.Load(c), betas, low);
            high = TOps.MultiplyAdd(TOps.Load(c + w), betas, high);
        }
        TOps.Store(c, low);
        TOps.Store(c + w, high);
    }

    private interface ITileHeight
    {
        static abstract int Rows { get; }
    }

    /// <summary>The variant's own tile height (6 or 12).</summary>
    private readonly struct FullHeight : ITileHeight
    {
        public static int Rows => TOps.TileRows;
    }

    private readonly struct SixRows : ITileHeight
    {
        public static int Rows => 6;
    }
}
