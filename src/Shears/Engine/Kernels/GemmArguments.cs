namespace Shears.Engine.Kernels;

/// <summary>
/// One GEMM call, <c>C = Alpha * op(A) * op(B) + Beta * C</c>, over raw row-major storage.
/// op(A) is M x K, op(B) is K x N, C is M x N.
/// </summary>
internal unsafe struct GemmArguments
{
    public bool TransposeA;
    public bool TransposeB;
    public int M;
    public int N;
    public int K;
    public float Alpha;
    public float* A;
    public nint Lda;
    public float* B;
    public nint Ldb;
    public float Beta;
    public float* C;
    public nint Ldc;

    /// <summary>
    /// op(B) already packed (see <see cref="PrepackedMatrix"/>): depth block d's panels start at
    /// <c>PackedB + d·PackedBWidth</c>, and this product's columns begin at panel column
    /// <see cref="PackedBColumn"/>. Null when B is packed per call.
    /// </summary>
    public float* PackedB;
    public int PackedBColumn;
    public int PackedBWidth;

    /// <summary>Clamp C at zero once the product is complete (a Relu folded into the product), tile by tile while it is in cache.</summary>
    public bool Relu;

    /// <summary>Full tiles of a non-transposed A may be read in place rather than packed (<see cref="EngineOptions.ReadRowMajorA"/>).</summary>
    public bool ReadRowMajorA;

    /// <summary>C is stored transposed (N x M with leading dimension Ldc); only the small-rows dot path writes such a C.</summary>
    public bool TransposeC;

    public static GemmArguments Create(
        MatrixOp opA, MatrixOp opB, int m, int n, int k,
        float alpha, float* a, nint lda, float* b, nint ldb, float beta, float* c, nint ldc, bool readRowMajorA) => new()
        {
            TransposeA = opA == MatrixOp.Transpose,
            TransposeB = opB == MatrixOp.Transpose,
            M = m,
            N = n,
            K = k,
            Alpha = alpha,
            A = a,
            Lda = lda,
            B = b,
            Ldb = ldb,
            Beta = beta,
            C = c,
            Ldc = ldc,
            ReadRowMajorA = readRowMajorA,
        };

    /// <summary>Address of op(A)[row, depth].</summary>
    public readonly float* AAt(int row, int depth) => TransposeA ? A + (depth * Lda) + row : A + (row * Lda) + depth;

    /// <summary>Address of op(B)[depth, column].</summary>
    public readonly float* BAt(int depth, int column) => TransposeB ? B + (column * Ldb) + depth : B + (depth * Ldb) + column;

    /// <summary>Address of C[row, column].</summary>
    public readonly float* CAt(int row, int column) => TransposeC ? C + (column * Ldc) + row : C + (row * Ldc) + column;

    /// <summary>
    /// The same product with the roles of A and B swapped: <c>Cᵀ = op(B)ᵀ op(A)ᵀ</c>, writing C
    /// transposed. Turns few columns into few rows.
    /// </summary>
    public readonly GemmArguments Transposed()
    {
        var swapped = this;
        (swapped.M, swapped.N) = (N, M);
        swapped.A = B;
        swapped.Lda = Ldb;
        swapped.TransposeA = !TransposeB;
        swapped.B = A;
        swapped.Ldb = Lda;
        swapped.TransposeB = !TransposeA;
        swapped.TransposeC = !TransposeC;
        swapped.PackedB = null;
        swapped.Relu = false;
        return swapped;
    }

    /// <summary>The same product restricted to rows [row, row + rows) and columns [column, column + columns) of C.</summary>
    public readonly GemmArguments Slice(int row, int rows, int column, int columns)
    {
        var slice = this;
        slice.A = AAt(row, 0);
        slice.B = BAt(0, column);
        slice.C = C + (row * Ldc) + column;
        slice.M = rows;
        slice.N = columns;
        slice.PackedBColumn += column;
        return slice;
    }
}
