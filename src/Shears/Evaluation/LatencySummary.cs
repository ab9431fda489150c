namespace Shears.Evaluation;

/// <summary>Timings of repeated runs after warm-up, in milliseconds.</summary>
/// <param name="Batch">The batch size each run processed.</param>
/// <param name="Runs">How many timed runs the figures summarise.</param>
/// <param name="MedianMs">The median run, in milliseconds.</param>
/// <param name="P90Ms">The 90th-percentile run, in milliseconds.</param>
/// <param name="MinMs">The fastest run, in milliseconds.</param>
public sealed record LatencySummary(int Batch, int Runs, double MedianMs, double P90Ms, double MinMs)
{
    /// <summary>Summarises the timings of runs at one batch size.</summary>
    /// <param name="batch">The batch size each run processed.</param>
    /// <param name="milliseconds">One duration per run, in any order.</param>
    /// <exception cref="ArgumentException"><paramref name="milliseconds"/> is empty.</exception>
    public static LatencySummary FromSamples(int batch, IReadOnlyList<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            throw new ArgumentException("no timings", nameof(milliseconds));
        }
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(batch, sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[0]);
    }

    /// <summary>Linear interpolation between closest ranks.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
