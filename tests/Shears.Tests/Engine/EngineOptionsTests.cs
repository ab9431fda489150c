using Shears.Engine;
using Shears.Engine.Kernels;

namespace Shears.Tests.Engine;

public sealed class EngineOptionsTests
{
    [Fact]
    public void Built_in_defaults_are_every_processor_the_best_variant_and_winograd_on()
    {
        var options = new EngineOptions();
        Assert.Equal(Environment.ProcessorCount, options.Threads);
        Assert.Equal(KernelRegistry.Best, options.Kernels);
        Assert.True(options.Winograd);
        Assert.True(options.ReadRowMajorA);
    }

    [Fact]
    public void Unset_or_blank_variables_give_the_built_in_defaults()
    {
        Assert.Equal(new EngineOptions(), EngineOptions.FromVariables(_ => null));
        Assert.Equal(new EngineOptions(), EngineOptions.FromVariables(_ => " "));
    }

    [Fact]
    public void Variables_set_threads_variant_and_winograd()
    {
        var variables = new Dictionary<string, string>
        {
            ["SHEARS_THREADS"] = "3",
            ["SHEARS_KERNELS"] = " Scalar ",
            ["SHEARS_WINOGRAD"] = "0",
        };
        var options = EngineOptions.FromVariables(variables.GetValueOrDefault);
        Assert.Equal(new EngineOptions { Threads = 3, Kernels = KernelVariant.Scalar, Winograd = false }, options);
        // More threads than processors are kept, and capped only where kernels use them.
        Assert.Equal(Math.Min(3, Environment.ProcessorCount), options.EffectiveThreads);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("off")]
    [InlineData("")]
    public void Only_zero_turns_winograd_off(string value) =>
        Assert.True(EngineOptions.FromVariables(name => name == EngineOptions.WinogradVariable ? value : null).Winograd);

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("many")]
    public void Rejects_a_thread_count_that_is_not_positive(string value)
    {
        var error = Assert.Throws<ShearsException>(() => EngineOptions.FromVariables(name => name == EngineOptions.ThreadsVariable ? value : null));
        Assert.Equal($"SHEARS_THREADS='{value}' is not a positive thread count", error.Message);
    }

    [Fact]
    public void Rejects_an_unknown_variant_with_the_choices()
    {
        var error = Assert.Throws<ShearsException>(() => EngineOptions.FromVariables(name => name == EngineOptions.KernelsVariable ? "sse9" : null));
        Assert.StartsWith("SHEARS_KERNELS='sse9' is not a kernel variant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_process_environment()
    {
        // Only variables this process already has: setting them here would race other tests' plans.
        var expected = EngineOptions.FromVariables(Environment.GetEnvironmentVariable);
        Assert.Equal(expected, EngineOptions.FromEnvironment());
        Assert.Equal(expected, EngineOptions.Default);
    }

    [Fact]
    public void Rejects_no_threads_and_unsupported_variants()
    {
        Assert.Throws<ShearsException>(() => new EngineOptions { Threads = 0 });
        foreach (var variant in Enum.GetValues<KernelVariant>().Where(v => !KernelRegistry.IsSupported(v)))
        {
            Assert.Throws<ShearsException>(() => new EngineOptions { Kernels = variant });
        }
    }
}
