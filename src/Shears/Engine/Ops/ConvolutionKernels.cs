namespace Shears.Engine.Ops;

/// <summary>Registration of Conv and ConvTranspose.</summary>
internal static class ConvolutionKernels
{
    public static void Register(KernelTable table)
    {
        table.Add(c => new ConvKernel(c, transposed: false), "Conv");
        table.Add(c => new ConvKernel(c, transposed: true), "ConvTranspose");
    }
}
