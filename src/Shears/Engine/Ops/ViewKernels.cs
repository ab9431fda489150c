namespace Shears.Engine.Ops;

/// <summary>Registration of view ops and dropout.</summary>
internal static class ViewKernels
{
    public static void Register(KernelTable table)
    {
        table.Add(c => new ViewKernel(c), "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity");
        table.Add(c => c.Training ? new DropoutKernel(c) : new ViewKernel(c), "Dropout");
    }
}
