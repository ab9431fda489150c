using System.Numerics.Tensors;

namespace Shears.Engine;

/// <summary>
/// The matrix products the engine's ops call. Row-major: C = alpha·op(A)·op(B) + beta·C with
/// op(A) m×k and op(B) k×n; lda, ldb, ldc are row strides.
/// </summary>
internal static class Blas
{
    public static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc)
    {
        // Simple row-parallel form: each row of C accumulates k scaled rows of op(B).
        var bRows = transB ? Transposed(b, bOffset, ldb, n, k) : null;
        ParallelRange.For(m, Math.Max(1, 32768 / Math.Max(1, n * k / 64 + 1)), (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var row = c.AsSpan(cOffset + (i * ldc), n);
                if (beta == 0f)
                {
                    row.Clear();
                }
                else if (beta != 1f)
                {
                    TensorPrimitives.Multiply(row, beta, row);
                }
                for (var p = 0; p < k; p++)
                {
                    var av = alpha * (transA ? a[aOffset + (p * lda) + i] : a[aOffset + (i * lda) + p]);
                    if (av == 0f)
                    {
                        continue;
                    }
                    var bRow = bRows is null ? b.AsSpan(bOffset + (p * ldb), n) : bRows.AsSpan(p * n, n);
                    TensorPrimitives.MultiplyAdd(bRow, av, row, row);
                }
            }
        });
    }

    private static float[] Transposed(float[] source, int offset, int ld, int rows, int cols)
    {
        var result = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = source[offset + (r * ld) + c];
            }
        }
        return result;
    }
}
