using Shears.Engine.Kernels;

namespace Shears.Engine;

/// <summary>
/// The matrix products the engine's ops call, over arrays with offsets. Row-major:
/// C = alpha·op(A)·op(B) + beta·C with op(A) m×k and op(B) k×n; lda, ldb, ldc are row strides.
/// Runs on the packed SIMD GEMM of <see cref="Gemm"/>, as the calling plan's options say.
/// </summary>
internal static class Blas
{
    public static void Gemm(EngineOptions options, bool transA, bool transB, int m, int n, int k, float alpha,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc)
    {
        if (m == 0 || n == 0)
        {
            return;
        }
        var aLength = Extent(transA ? k : m, transA ? m : k, lda);
        var bLength = Extent(transB ? n : k, transB ? k : n, ldb);
        Kernels.Gemm.Multiply(
            transA ? MatrixOp.Transpose : MatrixOp.Identity, transB ? MatrixOp.Transpose : MatrixOp.Identity, m, n, k,
            alpha, a.AsSpan(aOffset, aLength), lda, b.AsSpan(bOffset, bLength), ldb, beta, c.AsSpan(cOffset, Extent(m, n, ldc)), ldc, options);
    }

    // Elements a rows×cols view with row stride ld spans: full strides but a short last row.
    private static int Extent(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : ((rows - 1) * ld) + cols;
}
