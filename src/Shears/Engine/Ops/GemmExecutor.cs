using System.Numerics.Tensors;
using Shears.Engine.Kernels;

namespace Shears.Engine.Ops;

/// <summary>Gemm: Y = alpha·op(A)·op(B) + beta·C, C broadcast to [M, N].</summary>
internal sealed class GemmExecutor : OpExecutor
{
    private readonly bool _transA;
    private readonly bool _transB;
    private readonly float _alpha;
    private readonly float _beta;
    private readonly int _m;
    private readonly int _n;
    private readonly int _k;

    public GemmExecutor(OpExecutorContext context)
        : base(context)
    {
        InputChecks.RequireFloats(context);
        _transA = context.Node.GetInt("transA", 0) != 0;
        _transB = context.Node.GetInt("transB", 0) != 0;
        _alpha = context.Node.GetFloat("alpha", 1f);
        _beta = context.Node.GetFloat("beta", 1f);
        var a = In(0).Shape;
        var b = In(1).Shape;
        _m = _transA ? a[1] : a[0];
        _k = _transA ? a[0] : a[1];
        _n = _transB ? b[0] : b[1];
        Outputs[0] = context.NewOutput(0);
        if (!context.Training && context.IsInitializer(1))
        {
            _packedWeight = new PrepackedMatrix();
        }
        _relu = context.Node.GetInt(PlanRewrites.FusedRelu, 0) != 0;
    }

    /// <summary>A Relu the plan folded into this product (inference only).</summary>
    private readonly bool _relu;

    /// <summary>An inference plan's constant B, packed once rather than per call.</summary>
    private readonly PrepackedMatrix? _packedWeight;

    public override bool HasBackward => true;

    private EngineTensor? Bias => Inputs.Length > 2 ? Inputs[2] : null;

    public override void Forward()
    {
        var y = Outputs[0];
        var beta = 0f;
        if (Bias is { } c && _beta != 0f)
        {
            Reduction.Broadcast(c, y.Shape, y.Floats);
            beta = _beta;
        }
        if (_packedWeight is { } packed)
        {
            packed.Multiply(Options, _transA ? MatrixOp.Transpose : MatrixOp.Identity, _transB ? MatrixOp.Transpose : MatrixOp.Identity, _m, _n, _k, _alpha, In(0).Floats, _transA ? _m : _k, In(1), _transB ? _k : _n, beta, y.Floats, _n, _relu);
            return;
        }
        Blas.Gemm(Options, _transA, _transB, _m, _n, _k, _alpha, In(0).Floats, 0, _transA ? _m : _k, In(1).Floats, 0, _transB ? _k : _n, beta, y.Floats, 0, _n);
        if (_relu)
        {
            TensorPrimitives.Max(y.Span, 0f, y.Span);
        }
    }

    public override void Backward()
    {
        if (OutputGrads[0] is not { } dy)
        {
            return;
        }
        var a = In(0).Floats;
        var b = In(1).Floats;
        var lda = _transA ? _m : _k;
        var ldb = _transB ? _k : _n;
        if (InputGrads[0] is { } da)
        {
            if (_transA)
            {
                // A is k×m: dA = op(B)·dYᵀ
                Blas.Gemm(Options, _transB, true, _k, _m, _n, _alpha, b, 0, ldb, dy.Floats, 0, _n, 1f, da.Floats, 0, lda);
            }
            else
            {
                // dA = dY·op(B)ᵀ
                Blas.Gemm(Options, false, !_transB, _m, _k, _n, _alpha, dy.Floats, 0, _n, b, 0, ldb, 1f, da.Floats, 0, lda);
            }
        }
        if (InputGrads[1] is { } db)
        {
            if (_transB)
            {
                // B is n×k: dB = dYᵀ·op(A)
                Blas.Gemm(Options, true, _transA, _n, _k, _m, _alpha, dy.Floats, 0, _n, a, 0, lda, 1f, db.Floats, 0, ldb);
            }
            else
            {
                // dB = op(A)ᵀ·dY
                Blas.Gemm(Options, !_transA, false, _k, _n, _m, _alpha, a, 0, lda, dy.Floats, 0, _n, 1f, db.Floats, 0, ldb);
            }
        }
        if (Inputs.Length > 2 && InputGrads[2] is { } dc)
        {
            Reduction.SumInto(dy.Floats, dy.Shape, dc, _beta);
        }
    }
}
