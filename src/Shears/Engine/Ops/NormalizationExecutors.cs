namespace Shears.Engine.Ops;

/// <summary>Registration of batch, layer and instance normalisation.</summary>
internal static class NormalizationExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new BatchNormExecutor(c), "BatchNormalization");
        table.Add(c => new LayerNormExecutor(c), "LayerNormalization");
        table.Add(c => new InstanceNormExecutor(c), "InstanceNormalization");
    }
}
