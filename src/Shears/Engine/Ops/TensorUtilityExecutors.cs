namespace Shears.Engine.Ops;

/// <summary>Registration of Cast/CastLike, CumSum, Trilu and Einsum.</summary>
internal static class TensorUtilityExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new CastExecutor(c), "Cast", "CastLike");
        table.Add(c => new CumSumExecutor(c), "CumSum");
        table.Add(c => new TriluExecutor(c), "Trilu");
        table.Add(c => new EinsumExecutor(c), "Einsum");
    }
}
