using Shears.Data;

namespace Shears.Cli.Tests;

/// <summary>A fact skipped, saying why, when Fashion-MNIST is not installed where the CLI looks by default.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute() =>
        Skip = FashionMnist.IsAvailable() ? null : $"needs Fashion-MNIST (Debian package {FashionMnist.DebianPackage}) in {FashionMnist.DefaultSearchPath}";
}
