using Shears.Numerics;

namespace Shears.Tests.Numerics;

public sealed class RngTests
{
    [Fact]
    public void Matches_the_published_splitmix64_sequence()
    {
        var rng = new Rng(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void Same_seed_same_numbers_and_streams_differ()
    {
        var a = new Rng(123);
        var b = new Rng(123);
        Assert.Equal(Enumerable.Range(0, 50).Select(_ => a.NextUInt64()), Enumerable.Range(0, 50).Select(_ => b.NextUInt64()));
        Assert.NotEqual(Rng.ForStream(5, "fc1.weight").NextUInt64(), Rng.ForStream(5, "fc1.bias").NextUInt64());
        Assert.NotEqual(Rng.ForStream(5, 0).NextUInt64(), Rng.ForStream(5, 1).NextUInt64());
        Assert.Equal(Rng.ForStream(5, "x").NextUInt64(), Rng.ForStream(5, "x").NextUInt64());
    }

    [Fact]
    public void Uniforms_stay_in_range_and_spread_evenly()
    {
        var rng = new Rng(1);
        var counts = new int[7];
        for (var i = 0; i < 70000; i++)
        {
            var f = rng.NextFloat();
            Assert.InRange(f, 0f, 0.99999994f);
            counts[rng.NextInt(7)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9500, 10500));
    }

    [Fact]
    public void Gaussian_has_unit_variance()
    {
        var rng = new Rng(2);
        var samples = Enumerable.Range(0, 100000).Select(_ => rng.NextGaussian()).ToArray();
        var mean = samples.Average();
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(samples.Average(x => (x - mean) * (x - mean)), 0.98, 1.02);
    }

    [Fact]
    public void Portable_log_agrees_with_the_platform_log()
    {
        var rng = new Rng(3);
        foreach (var x in Enumerable.Range(0, 10000).Select(_ => rng.NextDouble()).Where(x => x > 0).Concat([1e-300, 0.5, 1, 2, 1e300]))
        {
            Assert.Equal(Math.Log(x), Rng.PortableLog(x), Math.Max(1e-15, Math.Abs(Math.Log(x)) * 4e-16));
        }
    }

    [Fact]
    public void Shuffle_gives_a_permutation()
    {
        var order = new Rng(4).Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), order);
        Assert.Equal(order, new Rng(4).Permutation(1000));
    }
}
