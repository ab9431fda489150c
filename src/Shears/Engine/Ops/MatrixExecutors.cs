namespace Shears.Engine.Ops;

/// <summary>Registration of matrix products.</summary>
internal static class MatrixExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new GemmExecutor(c), "Gemm");
        table.Add(c => new MatMulExecutor(c), "MatMul");
    }
}
