using Shears.Engine.Kernels;

namespace Shears.Tests.Engine.Kernels;

/// <summary>Theory data: every kernel variant this machine can run.</summary>
public static class KernelVariants
{
    public static TheoryData<KernelVariant> Available
    {
        get
        {
            var data = new TheoryData<KernelVariant>();
            foreach (var variant in KernelRegistry.Available)
            {
                data.Add(variant);
            }
            return data;
        }
    }
}
