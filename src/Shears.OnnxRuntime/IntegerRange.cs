namespace Shears.OnnxRuntime;

/// <summary>A half-open range of integers, [<see cref="Min"/>, <see cref="Max"/>).</summary>
public readonly record struct IntegerRange
{
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

    public override string ToString() => $"[{Min}, {Max})";
}
