namespace Shears.Engine.Kernels;

/// <summary>
/// The B operand of repeated GEMMs with a constant B (inference weights), packed once into the
/// panel layout the micro-kernel streams instead of on every call. Repacked when the kernel
/// variant changes or the source tensor reports a change (<see cref="EngineTensor.MarkChanged"/>).
/// </summary>
internal sealed unsafe class PrepackedMatrix
{
    private float[] _panels = [];
    private float[]? _source;
    private int _version;
    private KernelVariant _variant;
    private int _width;

    /// <summary>
    /// <c>C = alpha·op(A)·op(B) + beta·C</c> like <see cref="Gemm.Multiply(MatrixOp, MatrixOp, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, EngineOptions)"/>,
    /// over whole arrays, with op(B) read from the panels packed from <paramref name="b"/>.
    /// </summary>
    /// <param name="options">Kernel variant and threads.</param>
    /// <param name="opA">Whether A is used as stored or transposed.</param>
    /// <param name="opB">Whether B is used as stored or transposed.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="lda">Distance between A's stored rows.</param>
    /// <param name="b">B, the constant operand whose packed panels are reused while its version is unchanged.</param>
    /// <param name="ldb">Distance between B's stored rows.</param>
    /// <param name="beta">Scale of C's old contents; C is not read when it is 0.</param>
    /// <param name="c">C, row-major, overwritten.</param>
    /// <param name="ldc">Distance between C's stored rows.</param>
    /// <param name="relu">Clamp C at zero afterwards (a Relu folded into the product), tile by tile when the packed kernel runs.</param>
    public void Multiply(EngineOptions options, MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha, float[] a, int lda, EngineTensor b, int ldb, float beta, float[] c, int ldc, bool relu = false)
    {
        if (m == 0 || n == 0)
        {
            return;
        }
        var (variant, threads) = (options.Kernels, options.EffectiveThreads);
        fixed (float* pa = a)
        fixed (float* pb = b.Floats)
        fixed (float* pc = c)
        {
            var arguments = GemmArguments.Create(opA, opB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, options.ReadRowMajorA);
            arguments.Relu = relu;
            // The dot-product path reads B where it lies: nothing to pack for it.
            if (!Gemm.RunsPacked(arguments) || k == 0)
            {
                Gemm.Run(variant, arguments, GemmBlocking.ThreadsFor((long)m * n * k, threads));
                return;
            }
            Refresh(variant, arguments, b);
            fixed (float* panels = _panels)
            {
                arguments.PackedB = panels;
                arguments.PackedBWidth = _width;
                Gemm.Run(variant, arguments, GemmBlocking.ThreadsFor((long)m * n * k, threads));
            }
        }
    }

    private void Refresh(KernelVariant variant, in GemmArguments arguments, EngineTensor b)
    {
        if (ReferenceEquals(_source, b.Floats) && _version == b.Version && _variant == variant)
        {
            return;
        }
        var action = new PackAction { Arguments = arguments };
        VariantDispatch.Run(variant, ref action);
        _width = action.Width;
        if (_panels.Length < (long)_width * arguments.K)
        {
            _panels = new float[checked(_width * arguments.K)];
        }
        fixed (float* panels = _panels)
        {
            action.Destination = panels;
            action.Pack = true;
            VariantDispatch.Run(variant, ref action);
        }
        (_source, _version, _variant) = (b.Floats, b.Version, variant);
    }

    /// <summary>First reports the packed width for the variant's panels, then (with <see cref="Pack"/>) packs.</summary>
    private struct PackAction : IVariantAction
    {
        public GemmArguments Arguments;
        public bool Pack;
        public float* Destination;
        public int Width;

        public void Run<TOps, TVector>()
            where TOps : unmanaged, ISimdOps<TVector>
            where TVector : unmanaged
        {
            var panel = 2 * TOps.Width;
            Width = (Arguments.N + panel - 1) / panel * panel;
            if (Pack)
            {
                GemmPacking<TOps, TVector>.PackAllB(Arguments, Width, Destination);
            }
        }
    }
}
