using Shears.Engine.Kernels;

namespace Shears.Tests.Engine.Kernels;

/// <summary>A textbook triple loop in double precision, plus the rounding bound each result must meet.</summary>
internal static class ReferenceGemm
{
    /// <summary>
    /// Expected C and, per element, the bound <c>1e-6 * k * (|alpha| Σ|a||b| + |beta c| + 1)</c>:
    /// about sixteen times the worst-case float rounding of a length-k dot product.
    /// </summary>
    public static (double[] Expected, double[] Tolerance) Compute(
        MatrixOp opA, MatrixOp opB, int m, int n, int k,
        float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        var expected = new double[m * n];
        var tolerance = new double[m * n];
        var sums = new double[n];
        var magnitudes = new double[n];
        for (var i = 0; i < m; i++)
        {
            Array.Clear(sums);
            Array.Clear(magnitudes);
            // Depth outside columns keeps B reads sequential when it is not transposed.
            for (var p = 0; p < k; p++)
            {
                double x = opA == MatrixOp.Identity ? a[(i * lda) + p] : a[(p * lda) + i];
                for (var j = 0; j < n; j++)
                {
                    var product = x * (opB == MatrixOp.Identity ? b[(p * ldb) + j] : b[(j * ldb) + p]);
                    sums[j] += product;
                    magnitudes[j] += Math.Abs(product);
                }
            }
            for (var j = 0; j < n; j++)
            {
                var old = beta == 0f ? 0.0 : c[(i * ldc) + j];
                expected[(i * n) + j] = (alpha * sums[j]) + (beta * old);
                tolerance[(i * n) + j] = 1e-6 * Math.Max(k, 1) * ((Math.Abs(alpha) * magnitudes[j]) + Math.Abs(beta * old) + 1);
            }
        }
        return (expected, tolerance);
    }

    public static float[] Random(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }
        return values;
    }
}
