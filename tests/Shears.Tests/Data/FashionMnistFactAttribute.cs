using Shears.Data;

namespace Shears.Tests.Data;

/// <summary>A fact that is skipped, saying why, when Fashion-MNIST is not installed in its default folder.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsAvailable(FashionMnist.DefaultDirectory))
        {
            Skip = $"Fashion-MNIST not found in {FashionMnist.DefaultDirectory}; install the Debian package {FashionMnist.DebianPackage} to run this test";
        }
    }
}
