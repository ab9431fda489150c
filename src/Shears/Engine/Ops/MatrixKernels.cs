namespace Shears.Engine.Ops;

/// <summary>Registration of matrix products.</summary>
internal static class MatrixKernels
{
    public static void Register(KernelTable table)
    {
        table.Add(c => new GemmKernel(c), "Gemm");
        table.Add(c => new MatMulKernel(c), "MatMul");
    }
}
