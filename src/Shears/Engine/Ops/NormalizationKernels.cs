namespace Shears.Engine.Ops;

/// <summary>Registration of batch, layer and instance normalisation.</summary>
internal static class NormalizationKernels
{
    public static void Register(KernelTable table)
    {
        table.Add(c => new BatchNormKernel(c), "BatchNormalization");
        table.Add(c => new LayerNormKernel(c), "LayerNormalization");
        table.Add(c => new InstanceNormKernel(c), "InstanceNormalization");
    }
}
