using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// GEMM for few rows of C (batch-1 to batch-16 inference), where packing B would cost as much as
/// the product itself. B is read in place: with op(B) = B, rows of B are combined with broadcast A
/// values (four registers of columns at a time); with op(B) = Bᵀ, rows of A and of B are dotted
/// along the contiguous depth. Up to four rows of C share every load of B. The dot form can also
/// write C transposed, which lets products with few columns run here as their transpose.
/// </summary>
internal static unsafe class SmallRowsGemm<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    /// <summary>Largest M this path takes.</summary>
    public const int MaxRows = 16;

    private const int DotColumns = 4;

    private static int BlockColumns => 4 * TOps.Width;

    public static void Run(in GemmArguments arguments, int threads)
    {
        var g = arguments;
        if (g.TransposeA)
        {
            // Gather op(A) into contiguous rows once; it is at most 16 x K floats.
            var rows = Scratch.Get(ScratchSlot.SmallRows, (long)g.M * g.K);
            for (var i = 0; i < g.M; i++)
            {
                for (var p = 0; p < g.K; p++)
                {
                    rows[(i * g.K) + p] = *g.AAt(i, p);
                }
            }
            g.A = rows;
            g.Lda = g.K;
            g.TransposeA = false;
        }
        var unit = g.TransposeB ? DotColumns : BlockColumns;
        var units = (g.N + unit - 1) / unit;
        threads = Math.Min(threads, units);
        if (threads <= 1)
        {
            RunColumns(g, 0, g.N);
            return;
        }
        var plan = new ParallelPlan { Arguments = g, ColumnsPerPart = (units + threads - 1) / threads * unit };
        WorkerPool.Run(threads, &RunPart, &plan);
    }

    private static void RunPart(void* state, int part)
    {
        ref var plan = ref Unsafe.AsRef<ParallelPlan>(state);
        var start = part * plan.ColumnsPerPart;
        var end = Math.Min(plan.Arguments.N, start + plan.ColumnsPerPart);
        if (start < end)
        {
            RunColumns(plan.Arguments, start, end);
        }
    }

    private static void RunColumns(in GemmArguments g, int start, int end)
    {
        var row = 0;
        for (; row + 4 <= g.M; row += 4)
        {
            RunRows<FourRows>(g, row, start, end);
        }
        switch (g.M - row)
        {
            case 3:
                RunRows<ThreeRows>(g, row, start, end);
                break;
            case 2:
                RunRows<TwoRows>(g, row, start, end);
                break;
            case 1:
                RunRows<OneRow>(g, row, start, end);
                break;
            default:
                break;
        }
    }

    private static void RunRows<TRows>(in GemmArguments g, int row, int start, int end)
        where TRows : IRowCount
    {
        if (g.TransposeB)
        {
            DotRows<TRows>(g, row, start, end);
        }
        else if (g.TransposeC)
        {
            throw new InvalidOperationException("only the dot form writes a transposed C");
        }
        else
        {
            BroadcastRows<TRows>(g, row, start, end);
        }
    }

    /// <summary>op(B) = B: C rows += A[row, p] * B[p, columns], four registers of columns at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastRows<TRows>(in GemmArguments g, int row, int start, int end)
        where TRows : IRowCount
    {
        var w = TOps.Width;
        RowPointers<TRows>(g, row, out var a0, out var a1, out var a2, out var a3);
        var c0 = g.C + (row * g.Ldc);
        var j = start;
        for (; j + BlockColumns <= end; j += BlockColumns)
        {
            var c00 = TOps.Zero; var c01 = TOps.Zero; var c02 = TOps.Zero; var c03 = TOps.Zero;
            var c10 = TOps.Zero; var c11 = TOps.Zero; var c12 = TOps.Zero; var c13 = TOps.Zero;
            var c20 = TOps.Zero; var c21 = TOps.Zero; var c22 = TOps.Zero; var c23 = TOps.Zero;
            var c30 = TOps.Zero; var c31 = TOps.Zero; var c32 = TOps.Zero; var c33 = TOps.Zero;
            var b = g.B + j;
            for (var p = 0; p < g.K; p++, b += g.Ldb)
            {
                var b0 = TOps.Load(b);
                var b1 = TOps.Load(b + w);
                var b2 = TOps.Load(b + (2 * w));
                var b3 = TOps.Load(b + (3 * w));
                var x = TOps.Broadcast(a0[p]);
                c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
                c02 = TOps.MultiplyAdd(x, b2, c02); c03 = TOps.MultiplyAdd(x, b3, c03);
                if (TRows.Value > 1)
                {
                    x = TOps.Broadcast(a1[p]);
                    c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11);
                    c12 = TOps.MultiplyAdd(x, b2, c12); c13 = TOps.MultiplyAdd(x, b3, c13);
                }
                if (TRows.Value > 2)
                {
                    x = TOps.Broadcast(a2[p]);
                    c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21);
                    c22 = TOps.MultiplyAdd(x, b2, c22); c23 = TOps.MultiplyAdd(x, b3, c23);
                }
                if (TRows.Value > 3)
                {
                    x = TOps.Broadcast(a3[p]);
                    c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31);
                    c32 = TOps.MultiplyAdd(x, b2, c32); c33 = TOps.MultiplyAdd(x, b3, c33);
                }
            }
            var c = c0 + j;
            StoreBlock(c, c00, c01, c02, c03, g.Alpha, g.Beta);
            if (TRows.Value > 1)
            {
                StoreBlock(c + g.Ldc, c10, c11, c12, c13, g.Alpha, g.Beta);
            }
            if (TRows.Value > 2)
            {
                StoreBlock(c + (2 * g.Ldc), c20, c21, c22, c23, g.Alpha, g.Beta);
            }
            if (TRows.Value > 3)
            {
                StoreBlock(c + (3 * g.Ldc), c30, c31, c32, c33, g.Alpha, g.Beta);
            }
        }
        for (; j + w <= end; j += w)
        {
            var c0v = TOps.Zero; var c1v = TOps.Zero; var c2v = TOps.Zero; var c3v = TOps.Zero;
            var b = g.B + j;
            for (var p = 0; p < g.K; p++, b += g.Ldb)
            {
                var bv = TOps.Load(b);
                c0v = TOps.MultiplyAdd(TOps.Broadcast(a0[p]), bv, c0v);
                c1v = TOps.MultiplyAdd(TOps.Broadcast(a1[p]), bv, c1v);
                c2v = TOps.MultiplyAdd(TOps.Broadcast(a2[p]), bv, c2v);
                c3v = TOps.MultiplyAdd(TOps.Broadcast(a3[p]), bv, c3v);
            }
            var c = c0 + j;
            StoreVector(c, c0v, g.Alpha, g.Beta);
            if (TRows.Value > 1)
            {
                StoreVector(c + g.Ldc, c1v, g.Alpha, g.Beta);
            }
            if (TRows.Value > 2)
            {
                StoreVector(c + (2 * g.Ldc), c2v, g.Alpha, g.Beta);
            }
            if (TRows.Value > 3)
            {
                StoreVector(c + (3 * g.Ldc), c3v, g.Alpha, g.Beta);
            }
        }
        for (; j < end; j++)
        {
            // Fewer columns than one register: a plain dot per entry.
            for (var r = 0; r < TRows.Value; r++)
            {
                var a = g.A + ((row + r) * g.Lda);
                var sum = 0f;
                for (var p = 0; p < g.K; p++)
                {
                    sum += a[p] * g.B[(p * g.Ldb) + j];
                }
                StoreScalar(c0 + (r * g.Ldc) + j, sum, g.Alpha, g.Beta);
            }
        }
    }

    /// <summary>op(B) = Bᵀ: C[row, j] = dot(A row, B row j), four columns at a time, vectorised along depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows<TRows>(in GemmArguments g, int row, int start, int end)
        where TRows : IRowCount
    {
        var w = TOps.Width;
        RowPointers<TRows>(g, row, out var a0, out var a1, out var a2, out var a3);
        var vectorDepth = g.K - (g.K % w);
        var sums = stackalloc float[4 * DotColumns];
        var j = start;
        for (; j < end; j += DotColumns)
        {
            var columns = Math.Min(DotColumns, end - j);
            var b0 = g.B + (j * g.Ldb);
            // Missing columns re-read column j; their sums are discarded.
            var b1 = columns > 1 ? b0 + g.Ldb : b0;
            var b2 = columns > 2 ? b1 + g.Ldb : b0;
            var b3 = columns > 3 ? b2 + g.Ldb : b0;
            var s00 = TOps.Zero; var s01 = TOps.Zero; var s02 = TOps.Zero; var s03 = TOps.Zero;
            var s10 = TOps.Zero; var s11 = TOps.Zero; var s12 = TOps.Zero; var s13 = TOps.Zero;
            var s20 = TOps.Zero; var s21 = TOps.Zero; var s22 = TOps.Zero; var s23 = TOps.Zero;
            var s30 = TOps.Zero; var s31 = TOps.Zero; var s32 = TOps.Zero; var s33 = TOps.Zero;
            for (var p = 0; p < vectorDepth; p += w)
            {
                var v0 = TOps.Load(b0 + p);
                var v1 = TOps.Load(b1 + p);
                var v2 = TOps.Load(b2 + p);
                var v3 = TOps.Load(b3 + p);
                var x = TOps.Load(a0 + p);
                s00 = TOps.MultiplyAdd(x, v0, s00); s01 = TOps.MultiplyAdd(x, v1, s01);
                s02 = TOps.MultiplyAdd(x, v2, s02); s03 = TOps.MultiplyAdd(x, v3, s03);
                if (TRows.Value > 1)
                {
                    x = TOps.Load(a1 + p);
                    s10 = TOps.MultiplyAdd(x, v0, s10); s11 = TOps.MultiplyAdd(x, v1, s11);
                    s12 = TOps.MultiplyAdd(x, v2, s12); s13 = TOps.MultiplyAdd(x, v3, s13);
                }
                if (TRows.Value > 2)
                {
                    x = TOps.Load(a2 + p);
                    s20 = TOps.MultiplyAdd(x, v0, s20); s21 = TOps.MultiplyAdd(x, v1, s21);
                    s22 = TOps.MultiplyAdd(x, v2, s22); s23 = TOps.MultiplyAdd(x, v3, s23);
                }
                if (TRows.Value > 3)
                {
                    x = TOps.Load(a3 + p);
                    s30 = TOps.MultiplyAdd(x, v0, s30); s31 = TOps.MultiplyAdd(x, v1, s31);
                    s32 = TOps.MultiplyAdd(x, v2, s32); s33 = TOps.MultiplyAdd(x, v3, s33);
                }
            }
            sums[0] = TOps.Sum(s00); sums[1] = TOps.Sum(s01); sums[2] = TOps.Sum(s02); sums[3] = TOps.Sum(s03);
            sums[4] = TOps.Sum(s10); sums[5] = TOps.Sum(s11); sums[6] = TOps.Sum(s12); sums[7] = TOps.Sum(s13);
            sums[8] = TOps.Sum(s20); sums[9] = TOps.Sum(s21); sums[10] = TOps.Sum(s22); sums[11] = TOps.Sum(s23);
            sums[12] = TOps.Sum(s30); sums[13] = TOps.Sum(s31); sums[14] = TOps.Sum(s32); sums[15] = TOps.Sum(s33);
            for (var r = 0; r < TRows.Value; r++)
            {
                var a = a0 + (r * g.Lda);
                for (var col = 0; col < columns; col++)
                {
                    var b = b0 + (col * g.Ldb);
                    var sum = sums[(r * DotColumns) + col];
                    for (var p = vectorDepth; p < g.K; p++)
                    {
                        sum += a[p] * b[p];
                    }
                    StoreScalar(g.CAt(row + r, j + col), sum, g.Alpha, g.Beta);
                }
            }
        }
    }

    /// <summary>Starts of the block's A rows; rows past the block alias the first so loads stay in bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowPointers<TRows>(in GemmArguments g, int row, out float* a0, out float* a1, out float* a2, out float* a3)
        where TRows : IRowCount
    {
        a0 = g.A + (row * g.Lda);
        a1 = TRows.Value > 1 ? a0 + g.Lda : a0;
        a2 = TRows.Value > 2 ? a1 + g.Lda : a0;
        a3 = TRows.Value > 3 ? a2 + g.Lda : a0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBlock(float* c, TVector v0, TVector v1, TVector v2, TVector v3, float alpha, float beta)
    {
        var w = TOps.Width;
        StoreVector(c, v0, alpha, beta);
        StoreVector(c + w, v1, alpha, beta);
        StoreVector(c + (2 * w), v2, alpha, beta);
        StoreVector(c + (3 * w), v3, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector(float* c, TVector value, float alpha, float beta)
    {
        value = TOps.Multiply(value, TOps.Broadcast(alpha));
        if (beta != 0f)
        {
            value = TOps.MultiplyAdd(TOps.Load(c), TOps.Broadcast(beta), value);
        }
        TOps.Store(c, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScalar(float* c, float sum, float alpha, float beta) =>
        *c = beta == 0f ? alpha * sum : (alpha * sum) + (beta * *c);

    private struct ParallelPlan
    {
        public GemmArguments Arguments;
        public int ColumnsPerPart;
    }
}
