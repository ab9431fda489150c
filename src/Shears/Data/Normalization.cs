namespace Shears.Data;

/// <summary>
/// How raw 8-bit pixels become model inputs: x = (pixel / 255 − <see cref="Mean"/>) / <see cref="StandardDeviation"/>.
/// </summary>
public readonly record struct Normalization
{
    /// <summary>A normalisation with the given statistics of pixels scaled to [0, 1].</summary>
    /// <param name="mean">Mean of the scaled pixels; finite.</param>
    /// <param name="standardDeviation">Standard deviation of the scaled pixels; finite and positive.</param>
    /// <exception cref="ShearsException">The mean is not finite or the deviation not finite and positive.</exception>
    public Normalization(float mean, float standardDeviation)
    {
        if (!float.IsFinite(mean) || !float.IsFinite(standardDeviation) || standardDeviation <= 0)
        {
            throw new ShearsException($"normalization needs a finite mean and a positive standard deviation, not mean {mean} and std {standardDeviation}");
        }
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>Mean of the pixels scaled to [0, 1].</summary>
    public float Mean { get; }

    /// <summary>Standard deviation of the pixels scaled to [0, 1].</summary>
    public float StandardDeviation { get; }

    /// <summary>Only the scaling to [0, 1].</summary>
    public static Normalization UnitRange { get; } = new(0, 1);

    /// <summary>
    /// The mean and (population) standard deviation of the given pixels. Sums are taken in integers,
    /// so the result does not depend on summation order or platform.
    /// </summary>
    public static Normalization FromPixels(ReadOnlySpan<byte> pixels)
    {
        if (pixels.IsEmpty)
        {
            throw new ShearsException("cannot compute a normalization from no pixels");
        }
        long sum = 0;
        // 255² · 2³¹ pixels still fits in a ulong, and no image set held in one array is larger.
        ulong sumOfSquares = 0;
        foreach (var p in pixels)
        {
            sum += p;
            sumOfSquares += (ulong)(p * p);
        }
        var n = (double)pixels.Length;
        var mean = sum / n;
        var variance = Math.Max(0, (sumOfSquares / n) - (mean * mean));
        var std = Math.Sqrt(variance);
        return new Normalization((float)(mean / 255), std > 0 ? (float)(std / 255) : 1);
    }

    /// <summary>The normalised value of every possible pixel byte, so conversion is one table look-up.</summary>
    public float[] LookupTable()
    {
        var table = new float[256];
        for (var p = 0; p < table.Length; p++)
        {
            table[p] = ((p / 255f) - Mean) / StandardDeviation;
        }
        return table;
    }

    /// <summary>"mean M, std S", for messages and reports.</summary>
    public override string ToString() => $"mean {Mean:G6}, std {StandardDeviation:G6}";
}
