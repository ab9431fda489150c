namespace Shears.OnnxRuntime;

/// <summary>A half-open range of integers, [<see cref="Min"/>, <see cref="Max"/>).</summary>
public readonly record struct IntegerRange
{
    /// <summary>The integers from <paramref name="min"/> up to, not including, <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is not above <paramref name="min"/>, so the range would be empty.</exception>
    public IntegerRange(long min, long max)
    {
        if (max <= min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"empty integer range [{min}, {max})");
        }
        Min = min;
        Max = max;
    }

    /// <summary>Smallest value, inclusive.</summary>
    public long Min { get; }

    /// <summary>Upper bound, exclusive.</summary>
    public long Max { get; }

    /// <summary>The range as written in messages, such as <c>[0, 10)</c>.</summary>
    public override string ToString() => $"[{Min}, {Max})";
}
