namespace Shears.Numerics;

/// <summary>
/// A seeded pseudo-random generator (SplitMix64) whose every output is the same on every run,
/// runtime and platform: integers and uniforms use only integer arithmetic, and the Gaussian uses
/// a logarithm computed here rather than the platform's, so weights and shuffles reproduce
/// bit for bit. Not for cryptography.
/// </summary>
public sealed class Rng
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;
    private const double Ln2 = 0.6931471805599453;

    private ulong _state;

    /// <summary>A generator whose sequence is fixed by <paramref name="seed"/>.</summary>
    public Rng(ulong seed) => _state = seed;

    /// <summary>
    /// An independent generator for one named use of a seed (a parameter, an epoch), so that adding
    /// a use does not shift the numbers any other use draws.
    /// </summary>
    public static Rng ForStream(ulong seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new Rng(Mix(seed ^ StableHash(stream)));
    }

    /// <inheritdoc cref="ForStream(ulong, string)"/>
    public static Rng ForStream(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + GoldenGamma)));

    /// <summary>The next 64 uniformly random bits; every other draw is built from these.</summary>
    public ulong NextUInt64()
    {
        _state += GoldenGamma;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveBound"/>), without modulo bias.</summary>
    public int NextInt(int exclusiveBound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveBound);
        // Lemire's multiply-and-reject: the high word of x·bound is uniform once the low word clears the threshold.
        var bound = (ulong)exclusiveBound;
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }
        return (int)high;
    }

    /// <summary>A uniform float in [0, 1) on a grid of 2⁻²⁴, so every value is exact in float32.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform double in [0, 1) on a grid of 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float NextUniform(float low, float high) => low + ((high - low) * NextFloat());

    /// <summary>A standard normal sample (Marsaglia's polar method, in double precision).</summary>
    public double NextGaussian()
    {
        while (true)
        {
            var u = (2 * NextDouble()) - 1;
            var v = (2 * NextDouble()) - 1;
            var s = (u * u) + (v * v);
            if (s is > 0 and < 1)
            {
                return u * Math.Sqrt(-2 * PortableLog(s) / s);
            }
        }
    }

    /// <summary>A normal sample with the given mean and standard deviation, rounded to float.</summary>
    public float NextGaussian(float mean, float standardDeviation) => (float)(mean + (standardDeviation * NextGaussian()));

    /// <summary>Puts the elements in uniformly random order (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0 … <paramref name="count"/> − 1.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        Shuffle<int>(order);
        return order;
    }

    /// <summary>The SplitMix64 finaliser: a bijection that spreads every input bit over the output.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over UTF-16 code units: string.GetHashCode is randomised per process.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return hash;
    }

    /// <summary>
    /// Natural logarithm of a positive finite number using only IEEE-exact operations, because
    /// Math.Log may differ in the last bit between C runtimes. Accurate to a few ulps.
    /// </summary>
    internal static double PortableLog(double x)
    {
        // x = m·2^e with m in [√½, √2), then ln m = 2·atanh(t) with t = (m−1)/(m+1), |t| ≤ 0.172.
        var exponent = Math.ILogB(x);
        var mantissa = Math.ScaleB(x, -exponent);
        if (mantissa > Math.Sqrt(2))
        {
            mantissa /= 2;
            exponent++;
        }
        var t = (mantissa - 1) / (mantissa + 1);
        var t2 = t * t;
        var term = t;
        var sum = 0.0;
        for (var k = 1; k <= 41; k += 2)
        {
            sum += term / k;
            term *= t2;
        }
        return (2 * sum) + (exponent * Ln2);
    }
}
