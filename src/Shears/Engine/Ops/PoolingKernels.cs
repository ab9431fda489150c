namespace Shears.Engine.Ops;

/// <summary>Registration of windowed and global pooling.</summary>
internal static class PoolingKernels
{
    public static void Register(KernelTable table)
    {
        table.Add(c => new MaxPoolKernel(c), "MaxPool");
        table.Add(c => new AveragePoolKernel(c), "AveragePool");
        table.Add(c => new GlobalPoolKernel(c, max: false), "GlobalAveragePool");
        table.Add(c => new GlobalPoolKernel(c, max: true), "GlobalMaxPool");
    }
}
