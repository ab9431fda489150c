namespace Shears.Engine.Kernels;

/// <summary>How a GEMM operand is read: as stored, or transposed (the <c>op(X)</c> of BLAS).</summary>
public enum MatrixOp
{
    /// <summary>Use the matrix as stored.</summary>
    Identity,

    /// <summary>Use the transpose of the stored matrix.</summary>
    Transpose,
}
