using Shears.Engine.Kernels;

namespace Shears.Tests.Engine.Kernels;

public class KernelRegistryTests
{
    [Fact]
    public void Scalar_is_always_available_and_best_is_the_last_available()
    {
        Assert.Contains(KernelVariant.Scalar, KernelRegistry.Available);
        Assert.Equal(KernelRegistry.Available[^1], KernelRegistry.Best);
    }

    [Theory]
    [InlineData("scalar", KernelVariant.Scalar)]
    [InlineData("Vector128", KernelVariant.Vector128)]
    [InlineData(" avx2 ", KernelVariant.Avx2Fma)]
    [InlineData("AVX512", KernelVariant.Avx512)]
    public void Parses_environment_names(string name, KernelVariant expected)
    {
        Assert.Equal(expected, KernelRegistry.Parse(name));
        Assert.Equal(name.Trim().ToLowerInvariant(), KernelRegistry.NameOf(expected));
    }

    [Fact]
    public void Rejects_unknown_names_with_a_message_listing_the_choices()
    {
        var error = Assert.Throws<ShearsException>(() => KernelRegistry.Parse("sse9"));
        Assert.Contains("avx512", error.Message, StringComparison.Ordinal);
        Assert.Contains(KernelRegistry.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_value_selects_a_variant_and_unset_means_the_best()
    {
        Assert.Equal(KernelRegistry.Best, KernelRegistry.ResolveRequested(null));
        Assert.Equal(KernelRegistry.Best, KernelRegistry.ResolveRequested("  "));
        Assert.Equal(KernelVariant.Scalar, KernelRegistry.ResolveRequested("scalar"));
        Assert.Throws<ShearsException>(() => KernelRegistry.ResolveRequested("fastest"));
    }
}
