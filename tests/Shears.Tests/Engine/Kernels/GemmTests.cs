using Shears.Engine;
using Shears.Engine.Kernels;

namespace Shears.Tests.Engine.Kernels;

public class GemmTests
{
    private static readonly int[] Sizes = [1, 2, 3, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129];

    [Theory]
    [MemberData(nameof(KernelVariants.Available), MemberType = typeof(KernelVariants))]
    public void Matches_reference_at_odd_sizes_for_every_transpose(KernelVariant variant)
    {
        var options = new EngineOptions { Kernels = variant };
        var random = new Random(17);
        for (var mi = 0; mi < Sizes.Length; mi++)
        {
            for (var ni = 0; ni < Sizes.Length; ni++)
            {
                // Every (m, n) pair, with k walking the list so all three dimensions see every size.
                var k = Sizes[(mi + (2 * ni)) % Sizes.Length];
                foreach (var opA in new[] { MatrixOp.Identity, MatrixOp.Transpose })
                {
                    foreach (var opB in new[] { MatrixOp.Identity, MatrixOp.Transpose })
                    {
                        CheckAgainstReference(options, random, opA, opB, Sizes[mi], Sizes[ni], k, alpha: 1.5f, beta: -0.75f, padding: 3);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelVariants.Available), MemberType = typeof(KernelVariants))]
    public void Matches_reference_across_cache_blocks_and_threads(KernelVariant variant)
    {
        var options = new EngineOptions { Kernels = variant };
        var random = new Random(5);
        // Larger than one depth block (256), one row block (144) and one column block (2048).
        CheckAgainstReference(options, random, MatrixOp.Identity, MatrixOp.Identity, 150, 2100, 300, alpha: 0.5f, beta: 2f, padding: 1, threads: 2);
        CheckAgainstReference(options, random, MatrixOp.Transpose, MatrixOp.Transpose, 161, 70, 530, alpha: 1f, beta: 0f, padding: 0, threads: 2);
        CheckAgainstReference(options, random, MatrixOp.Identity, MatrixOp.Transpose, 16, 999, 300, alpha: -1f, beta: 1f, padding: 5, threads: 2);
        CheckAgainstReference(options, random, MatrixOp.Transpose, MatrixOp.Identity, 9, 1001, 77, alpha: 2f, beta: 0.5f, padding: 2, threads: 2);
        // Six leftover rows over whole column panels (the six-row tile writes C directly), four leftover
        // rows (through the edge tile), a depth kept in one block (384) and one split in two (385).
        CheckAgainstReference(options, random, MatrixOp.Identity, MatrixOp.Identity, 66, 64, 384, alpha: 1f, beta: 0.5f, padding: 0, threads: 1);
        CheckAgainstReference(options, random, MatrixOp.Transpose, MatrixOp.Identity, 64, 96, 385, alpha: 1f, beta: 0f, padding: 1, threads: 1);
        // A row stride of 1024 floats (4 KiB): A is packed rather than read in place.
        CheckAgainstReference(options, random, MatrixOp.Identity, MatrixOp.Identity, 40, 50, 1000, alpha: 1f, beta: 0f, padding: 24, threads: 2);
        // Every A packed, as with the in-place read switched off.
        CheckAgainstReference(options with { ReadRowMajorA = false }, random, MatrixOp.Identity, MatrixOp.Identity, 150, 2100, 300, alpha: 0.5f, beta: 2f, padding: 1, threads: 2);
        // Few columns: computed as the transposed product, split over threads along M.
        CheckAgainstReference(options, random, MatrixOp.Identity, MatrixOp.Identity, 301, 9, 700, alpha: 1f, beta: -1f, padding: 2, threads: 2);
        CheckAgainstReference(options, random, MatrixOp.Identity, MatrixOp.Transpose, 77, 13, 40, alpha: 0.5f, beta: 0f, padding: 1, threads: 2);
    }

    [Theory]
    [MemberData(nameof(KernelVariants.Available), MemberType = typeof(KernelVariants))]
    public void Zero_beta_overwrites_C_without_reading_it(KernelVariant variant)
    {
        var options = new EngineOptions { Kernels = variant };
        foreach (var m in new[] { 3, 40 })
        {
            var (n, k) = (37, 20);
            var random = new Random(m);
            var a = ReferenceGemm.Random(random, m * k);
            var b = ReferenceGemm.Random(random, k * n);
            var c = Enumerable.Repeat(float.NaN, m * n).ToArray();
            Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, m, n, k, a, b, c, options);
            var (expected, tolerance) = ReferenceGemm.Compute(MatrixOp.Identity, MatrixOp.Identity, m, n, k, 1f, a, k, b, n, 0f, c, n);
            AssertClose(expected, tolerance, c, m, n, n);
        }
    }

    [Fact]
    public void Zero_depth_or_zero_alpha_only_scales_C()
    {
        var options = new EngineOptions();
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, 2, 2, 0, 1f, [], 1, [], 2, 3f, c, 2, options);
        Assert.Equal([3f, 6f, 9f, 12f], c);
        var a = new float[] { float.NaN, 1 };
        Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, 2, 2, 1, 0f, a, 1, new float[] { 1, 1 }, 2, 0f, c, 2, options);
        Assert.All(c, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Rejects_short_spans_and_small_leading_dimensions()
    {
        var options = new EngineOptions();
        var c = new float[6];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, 2, 3, 4, new float[7], new float[12], c, options));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, 2, 3, 4, new float[8], new float[12], new float[5], options));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, 2, 3, 4, 1f, new float[8], 3, new float[12], 3, 0f, c, 3, options));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, -1, 3, 4, new float[8], new float[12], c, options));
    }

    [Fact]
    public void Respects_leading_dimension_of_C_and_leaves_the_gap_alone()
    {
        var options = new EngineOptions();
        // A 2 x 2 product into a 2 x 5 buffer: columns 2..4 must keep their sentinels.
        var c = Enumerable.Repeat(-9f, 10).ToArray();
        Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, 2, 2, 2, 1f, new float[] { 1, 2, 3, 4 }, 2, new float[] { 5, 6, 7, 8 }, 2, 0f, c, 5, options);
        Assert.Equal([19f, 22f, -9f, -9f, -9f, 43f, 50f, -9f, -9f, -9f], c);
    }

    [Theory]
    [MemberData(nameof(KernelVariants.Available), MemberType = typeof(KernelVariants))]
    public void Prepacked_B_matches_the_reference_and_is_repacked_after_a_change(KernelVariant variant)
    {
        var options = new EngineOptions { Kernels = variant };
        var random = new Random(8);
        foreach (var (opB, m, n, k) in new[] { (MatrixOp.Transpose, 40, 70, 530), (MatrixOp.Identity, 150, 200, 300), (MatrixOp.Transpose, 5, 33, 20) })
        {
            var (bRows, bColumns) = opB == MatrixOp.Identity ? (k, n) : (n, k);
            var a = ReferenceGemm.Random(random, m * k);
            var weight = Shears.Engine.EngineTensor.Zeros(Shears.IR.DataType.Float, [bRows, bColumns]);
            var packed = new PrepackedMatrix();
            for (var version = 0; version < 2; version++)
            {
                // The second round rewrites B in place and announces it, as an optimizer step does.
                ReferenceGemm.Random(random, bRows * bColumns).CopyTo(weight.Floats, 0);
                weight.MarkChanged();
                var c = ReferenceGemm.Random(random, m * n);
                var (expected, tolerance) = ReferenceGemm.Compute(MatrixOp.Identity, opB, m, n, k, 1f, a, k, weight.Floats, bColumns, 0.5f, c, n);
                packed.Multiply(options, MatrixOp.Identity, opB, m, n, k, 1f, a, k, weight, bColumns, 0.5f, c, n);
                AssertClose(expected, tolerance, c, m, n, n, $"{opB} m={m} n={n} k={k} version {version}");
            }
        }
    }

    private static void CheckAgainstReference(EngineOptions options, Random random, MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha, float beta, int padding, int threads = 1)
    {
        var (aRows, aColumns) = opA == MatrixOp.Identity ? (m, k) : (k, m);
        var (bRows, bColumns) = opB == MatrixOp.Identity ? (k, n) : (n, k);
        var (lda, ldb, ldc) = (aColumns + padding, bColumns + padding, n + padding);
        var a = ReferenceGemm.Random(random, aRows * lda);
        var b = ReferenceGemm.Random(random, bRows * ldb);
        var c = ReferenceGemm.Random(random, m * ldc);
        var untouched = (float[])c.Clone();
        var (expected, tolerance) = ReferenceGemm.Compute(opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        if (threads == 1)
        {
            Gemm.Multiply(opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options);
        }
        else
        {
            MultiplyWithThreads(options, opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);
        }
        AssertClose(expected, tolerance, c, m, n, ldc, $"{opA}/{opB} m={m} n={n} k={k}");
        for (var i = 0; i < m; i++)
        {
            for (var j = n; j < ldc; j++)
            {
                Assert.Equal(untouched[(i * ldc) + j], c[(i * ldc) + j]);
            }
        }
    }

    private static unsafe void MultiplyWithThreads(EngineOptions options, MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc, int threads)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var arguments = GemmArguments.Create(opA, opB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, options.ReadRowMajorA);
            Gemm.Run(options.Kernels, arguments, threads);
        }
    }

    internal static void AssertClose(double[] expected, double[] tolerance, float[] actual, int m, int n, int ldc, string what = "")
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var want = expected[(i * n) + j];
                var got = actual[(i * ldc) + j];
                if (!(Math.Abs(got - want) <= tolerance[(i * n) + j]))
                {
                    Assert.Fail($"{what} C[{i},{j}] = {got}, expected {want} ± {tolerance[(i * n) + j]:G3}");
                }
            }
        }
    }
}
