namespace Shears.Engine.Ops;

/// <summary>Registration of Cast/CastLike, CumSum, Trilu and Einsum.</summary>
internal static class TensorUtilityKernels
{
    public static void Register(KernelTable table)
    {
        table.Add(c => new CastKernel(c), "Cast", "CastLike");
        table.Add(c => new CumSumKernel(c), "CumSum");
        table.Add(c => new TriluKernel(c), "Trilu");
        table.Add(c => new EinsumKernel(c), "Einsum");
    }
}
