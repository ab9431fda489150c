namespace Shears.Engine.Ops;

/// <summary>Registration of windowed and global pooling.</summary>
internal static class PoolingExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new MaxPoolExecutor(c), "MaxPool");
        table.Add(c => new AveragePoolExecutor(c), "AveragePool");
        table.Add(c => new GlobalPoolExecutor(c, max: false), "GlobalAveragePool");
        table.Add(c => new GlobalPoolExecutor(c, max: true), "GlobalMaxPool");
    }
}
