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
    public static void Run(int depth, float* a, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        var panel = new PackedA(a, TOps.TileRows);
        Tile<FullHeight, PackedA>(depth, ref panel, b, bStep, c, ldc, alpha, beta);
    }

    /// <summary>
    /// The first six rows of a tile only, for the last rows of a 12-row variant's block (64 rows are
    /// five full tiles and four rows): half the work of running the full tile over zero padding.
    /// <paramref name="a"/> advances by <paramref name="aStep"/> floats per depth step (the packed panel height).
    /// </summary>
    public static void RunSixRows(int depth, float* a, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        var panel = new PackedA(a, aStep);
        Tile<SixRows, PackedA>(depth, ref panel, b, bStep, c, ldc, alpha, beta);
    }

    /// <summary>
    /// A full tile with A read where it lies, row-major with rows <paramref name="lda"/> floats apart,
    /// instead of from a packed panel: a product whose A is already depth-contiguous skips packing A.
    /// </summary>
    public static void RunRowMajorA(int depth, float* a, nint lda, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        var rows = new RowMajorA(a, lda);
        Tile<FullHeight, RowMajorA>(depth, ref rows, b, bStep, c, ldc, alpha, beta);
    }

    /// <summary>
    /// One tile of <typeparamref name="THeight"/> rows, A read through <typeparamref name="TA"/>;
    /// struct parameters, so the JIT compiles each height and A layout without the rows it does not use.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<THeight, TA>(int depth, ref TA a, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
        where THeight : struct, ITileHeight
        where TA : struct, IAReader
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
            var x = TOps.Broadcast(a.Row(0));
            c0a = TOps.MultiplyAdd(x, b0, c0a); c0b = TOps.MultiplyAdd(x, b1, c0b);
            x = TOps.Broadcast(a.Row(1));
            c1a = TOps.MultiplyAdd(x, b0, c1a); c1b = TOps.MultiplyAdd(x, b1, c1b);
            x = TOps.Broadcast(a.Row(2));
            c2a = TOps.MultiplyAdd(x, b0, c2a); c2b = TOps.MultiplyAdd(x, b1, c2b);
            x = TOps.Broadcast(a.Row(3));
            c3a = TOps.MultiplyAdd(x, b0, c3a); c3b = TOps.MultiplyAdd(x, b1, c3b);
            x = TOps.Broadcast(a.Row(4));
            c4a = TOps.MultiplyAdd(x, b0, c4a); c4b = TOps.MultiplyAdd(x, b1, c4b);
            x = TOps.Broadcast(a.Row(5));
            c5a = TOps.MultiplyAdd(x, b0, c5a); c5b = TOps.MultiplyAdd(x, b1, c5b);
            if (THeight.Rows == 12)
            {
                x = TOps.Broadcast(a.Row(6));
                c6a = TOps.MultiplyAdd(x, b0, c6a); c6b = TOps.MultiplyAdd(x, b1, c6b);
                x = TOps.Broadcast(a.Row(7));
                c7a = TOps.MultiplyAdd(x, b0, c7a); c7b = TOps.MultiplyAdd(x, b1, c7b);
                x = TOps.Broadcast(a.Row(8));
                c8a = TOps.MultiplyAdd(x, b0, c8a); c8b = TOps.MultiplyAdd(x, b1, c8b);
                x = TOps.Broadcast(a.Row(9));
                c9a = TOps.MultiplyAdd(x, b0, c9a); c9b = TOps.MultiplyAdd(x, b1, c9b);
                x = TOps.Broadcast(a.Row(10));
                c10a = TOps.MultiplyAdd(x, b0, c10a); c10b = TOps.MultiplyAdd(x, b1, c10b);
                x = TOps.Broadcast(a.Row(11));
                c11a = TOps.MultiplyAdd(x, b0, c11a); c11b = TOps.MultiplyAdd(x, b1, c11b);
            }
            a.Advance();
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

    /// <summary>How a tile reads A: value <c>Row(r)</c> of the current depth step, then <c>Advance</c> to the next step.</summary>
    private interface IAReader
    {
        float Row(int row);

        void Advance();
    }

    /// <summary>A packed panel: a step's rows side by side, steps <c>step</c> floats apart.</summary>
    private struct PackedA(float* a, nint step) : IAReader
    {
        private float* _a = a;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly float Row(int row) => _a[row];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Advance() => _a += step;
    }

    /// <summary>
    /// Row-major A in place: rows from three bases (rows 0, 4 and 8) plus one, two or three row
    /// strides, which keeps the loop within the general registers; each step moves one float along.
    /// </summary>
    private struct RowMajorA(float* a, nint lda) : IAReader
    {
        private readonly nint _one = lda;
        private readonly nint _two = 2 * lda;
        private readonly nint _three = 3 * lda;
        private float* _a0 = a;
        private float* _a4 = a + (4 * lda);
        private float* _a8 = TOps.TileRows == 12 ? a + (8 * lda) : a;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly float Row(int row) => row switch
        {
            0 => *_a0,
            1 => _a0[_one],
            2 => _a0[_two],
            3 => _a0[_three],
            4 => *_a4,
            5 => _a4[_one],
            6 => _a4[_two],
            7 => _a4[_three],
            8 => *_a8,
            9 => _a8[_one],
            10 => _a8[_two],
            _ => _a8[_three],
        };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Advance()
        {
            _a0++;
            _a4++;
            _a8++;
        }
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
