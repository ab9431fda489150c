using System.Numerics.Tensors;

namespace Shears.Engine.Kernels;

/// <summary>
/// Single-precision general matrix multiply over row-major storage:
/// <c>C = alpha * op(A) * op(B) + beta * C</c>, where op(A) is M x K, op(B) is K x N and C is M x N.
/// Leading dimensions are the distances between consecutive stored rows. As in BLAS, C is not read
/// when beta is 0, so it may hold garbage. Runs the kernel variant of the given
/// <see cref="EngineOptions"/> on up to its <see cref="EngineOptions.EffectiveThreads"/> threads.
/// </summary>
public static unsafe class Gemm
{
    /// <summary><c>C = op(A) * op(B)</c> with densely stored operands (leading dimension = stored width).</summary>
    public static void Multiply(MatrixOp opA, MatrixOp opB, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, EngineOptions options) =>
        Multiply(opA, opB, m, n, k, 1f, a, opA == MatrixOp.Identity ? k : m, b, opB == MatrixOp.Identity ? n : k, 0f, c, n, options);

    /// <summary><c>C = alpha * op(A) * op(B) + beta * C</c>, with bounds checked against the spans.</summary>
    public static void Multiply(
        MatrixOp opA, MatrixOp opB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, EngineOptions options)
    {
        CheckOperand(nameof(a), a.Length, opA == MatrixOp.Identity ? m : k, opA == MatrixOp.Identity ? k : m, lda);
        CheckOperand(nameof(b), b.Length, opB == MatrixOp.Identity ? k : n, opB == MatrixOp.Identity ? n : k, ldb);
        CheckOperand(nameof(c), c.Length, m, n, ldc);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Multiply(opA, opB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, options);
        }
    }

    /// <summary>
    /// <c>C = alpha * op(A) * op(B) + beta * C</c> over raw pointers; the caller guarantees the
    /// memory is valid. Sizes and leading dimensions are still checked.
    /// </summary>
    public static void Multiply(
        MatrixOp opA, MatrixOp opB, int m, int n, int k,
        float alpha, float* a, int lda,
        float* b, int ldb,
        float beta, float* c, int ldc, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckShape(opA == MatrixOp.Identity ? m : k, opA == MatrixOp.Identity ? k : m, lda, nameof(lda));
        CheckShape(opB == MatrixOp.Identity ? k : n, opB == MatrixOp.Identity ? n : k, ldb, nameof(ldb));
        CheckShape(m, n, ldc, nameof(ldc));
        var arguments = GemmArguments.Create(opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options.ReadRowMajorA);
        Run(options.Kernels, arguments, GemmBlocking.ThreadsFor((long)m * n * k, options.EffectiveThreads));
    }

    /// <summary>Runs an already checked product with a given variant and thread budget.</summary>
    internal static void Run(KernelVariant variant, in GemmArguments arguments, int threads)
    {
        if (arguments.M == 0 || arguments.N == 0)
        {
            return;
        }
        if (arguments.K == 0 || arguments.Alpha == 0f)
        {
            ScaleC(arguments);
            ClampC(arguments);
            return;
        }
        var action = new GemmAction { Arguments = arguments, Threads = threads };
        VariantDispatch.Run(variant, ref action);
    }

    /// <summary>max(0, C) when the product carries a folded Relu, for the paths that do not clamp tile by tile.</summary>
    private static void ClampC(in GemmArguments g)
    {
        if (!g.Relu)
        {
            return;
        }
        for (var i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.C + (i * g.Ldc), g.N);
            TensorPrimitives.Max(row, 0f, row);
        }
    }

    private static void ScaleC(in GemmArguments g)
    {
        for (var i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.C + (i * g.Ldc), g.N);
            if (g.Beta == 0f)
            {
                row.Clear();
            }
            else if (g.Beta != 1f)
            {
                foreach (ref var value in row)
                {
                    value *= g.Beta;
                }
            }
        }
    }

    private static void CheckShape(int rows, int columns, int leadingDimension, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (leadingDimension < Math.Max(1, columns))
        {
            throw new ArgumentOutOfRangeException(name, leadingDimension, $"leading dimension must be at least the stored width {columns} (and at least 1)");
        }
    }

    private static void CheckOperand(string name, int length, int rows, int columns, int leadingDimension)
    {
        CheckShape(rows, columns, leadingDimension, name);
        var needed = rows == 0 || columns == 0 ? 0 : ((long)(rows - 1) * leadingDimension) + columns;
        if (length < needed)
        {
            throw new ArgumentException($"{name} holds {length} floats but a {rows} x {columns} matrix with leading dimension {leadingDimension} needs {needed}", name);
        }
    }

    /// <summary>
    /// Whether a product goes to the packed, register-tiled kernel (which can use prepacked B);
    /// few rows, or few columns of a non-transposed A, go to the dot-product path instead.
    /// </summary>
    internal static bool RunsPacked(in GemmArguments g) =>
        g.M > SmallRowsGemm<ScalarOps, float>.MaxRows && (g.N > SmallRowsGemm<ScalarOps, float>.MaxRows || g.TransposeA);

    private struct GemmAction : IVariantAction
    {
        public GemmArguments Arguments;
        public int Threads;

        public readonly void Run<TOps, TVector>()
            where TOps : unmanaged, ISimdOps<TVector>
            where TVector : unmanaged
        {
            if (RunsPacked(Arguments))
            {
                // Clamps each finished tile itself when Relu is set.
                PackedGemm<TOps, TVector>.Run(Arguments, Threads);
                return;
            }
            if (Arguments.M <= SmallRowsGemm<TOps, TVector>.MaxRows)
            {
                SmallRowsGemm<TOps, TVector>.Run(Arguments, Threads);
            }
            else
            {
                // Few columns: dot rows of A with rows of op(B)ᵀ, writing C transposed (as weight gradients of thin layers need).
                SmallRowsGemm<TOps, TVector>.Run(Arguments.Transposed(), Threads);
            }
            ClampC(Arguments);
        }
    }
}
