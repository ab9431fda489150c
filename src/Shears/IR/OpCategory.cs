namespace Shears.IR;

/// <summary>
/// Broad families of operators. Rules that treat whole families alike (shape inference, channel
/// dependency tracking, cost counting) key on the family instead of long lists of op names.
/// </summary>
public enum OpCategory
{
    /// <summary>Not a standard operator Shears knows.</summary>
    Unknown,

    /// <summary>One input, output of the same shape, element by element (Relu, Sigmoid, Cast, ...).</summary>
    ElementwiseUnary,

    /// <summary>Several inputs broadcast together element by element (Add, Mul, Where, ...).</summary>
    ElementwiseBroadcast,

    /// <summary>Convolutions (Conv, ConvTranspose).</summary>
    Convolution,

    /// <summary>Matrix products (MatMul, Gemm).</summary>
    MatrixMultiply,

    /// <summary>Normalizations that keep shape and carry per-channel parameters (BatchNormalization, LayerNormalization, ...).</summary>
    Normalization,

    /// <summary>Sliding-window or global pooling.</summary>
    Pooling,

    /// <summary>Reductions over axes (ReduceMean, ArgMax, ...).</summary>
    Reduction,

    /// <summary>Same-shape operators along one axis that mix its elements (Softmax, CumSum, ...).</summary>
    AxisMixing,

    /// <summary>Operators that move or view elements without arithmetic (Reshape, Transpose, Concat, Slice, ...).</summary>
    Movement,

    /// <summary>Operators that produce shapes or constants (Shape, Constant, Range, ...).</summary>
    Source,

    /// <summary>Resampling (Resize, Upsample).</summary>
    Resampling,

    /// <summary>Control flow with sub-graphs (If, Loop, Scan).</summary>
    ControlFlow,

    /// <summary>Other known operators.</summary>
    Other,
}
