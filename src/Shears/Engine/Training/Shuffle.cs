namespace Shears.Engine.Training;

/// <summary>Deterministic permutations (SplitMix64 stream, Fisher–Yates), identical on every platform.</summary>
internal static class Shuffle
{
    public static void Permute(Span<int> order, ulong seed)
    {
        var state = seed;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
