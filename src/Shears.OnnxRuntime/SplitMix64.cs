namespace Shears.OnnxRuntime;

/// <summary>
/// A small seeded generator (SplitMix64). Used instead of <see cref="Random"/> so generated inputs
/// stay the same across .NET versions and machines, so a failing input can be reproduced anywhere.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextBits()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [-1, 1), on a grid of 2^-52.</summary>
    public double NextSignedUnit() => ((NextBits() >> 11) * (1.0 / (1UL << 53)) * 2.0) - 1.0;

    /// <summary>Uniform in the range (modulo bias is negligible for the ranges inputs use).</summary>
    public long Next(IntegerRange range)
    {
        var width = (ulong)(range.Max - range.Min);
        return range.Min + (long)(NextBits() % width);
    }
}
