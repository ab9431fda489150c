namespace Shears.Engine.Ops;

/// <summary>Registration of Conv and ConvTranspose.</summary>
internal static class ConvolutionExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new ConvExecutor(c, transposed: false), "Conv");
        table.Add(c => new ConvExecutor(c, transposed: true), "ConvTranspose");
    }
}
