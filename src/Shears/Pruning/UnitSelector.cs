namespace Shears.Pruning;

/// <summary>
/// Chooses which units to remove from scored groups: the lowest scores, a ratio per group (local)
/// or across all groups with scores normalised per group (global), keeping at least one unit and
/// rounding the kept count to a multiple when asked.
/// </summary>
public static class UnitSelector
{
    /// <param name="scores">Scores per group, one per unit.</param>
    /// <param name="ratio">Fraction of units to remove, in [0, 1).</param>
    /// <param name="scope">Per group, or across groups.</param>
    /// <param name="roundTo">Kept units are rounded to a multiple of this (1: no rounding).</param>
    /// <param name="maxGroupRatio">In global scope, the most any one group may lose.</param>
    public static IReadOnlyList<int[]> Select(IReadOnlyList<double[]> scores, double ratio, PruningScope scope, int roundTo = 1, double maxGroupRatio = 0.9)
    {
        ArgumentNullException.ThrowIfNull(scores);
        CheckRatio(ratio);
        return scope == PruningScope.Local
            ? SelectLocal(scores, [.. scores.Select(_ => ratio)], roundTo)
            : Lowest(scores, GlobalKeepCounts(scores, ratio, maxGroupRatio), roundTo);
    }

    /// <summary>Per group, its own fraction of units to remove (local scope), the kept count rounded as <see cref="Select"/> rounds it.</summary>
    /// <param name="scores">Scores per group, one per unit.</param>
    /// <param name="ratios">Fraction of each group's units to remove, in [0, 1); one per group.</param>
    /// <param name="roundTo">Kept units are rounded to a multiple of this (1: no rounding).</param>
    public static IReadOnlyList<int[]> SelectLocal(IReadOnlyList<double[]> scores, IReadOnlyList<double> ratios, int roundTo = 1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Count != scores.Count)
        {
            throw new ArgumentException($"{ratios.Count} ratios for {scores.Count} groups", nameof(ratios));
        }
        foreach (var ratio in ratios)
        {
            CheckRatio(ratio);
        }
        return Lowest(scores, [.. scores.Select((s, g) => s.Length - (int)Math.Floor((s.Length * ratios[g]) + 1e-9))], roundTo);
    }

    private static void CheckRatio(double ratio)
    {
        if (ratio is < 0 or >= 1 || double.IsNaN(ratio))
        {
            throw new ShearsException($"ratio {ratio} is impossible: it must be at least 0 and below 1");
        }
    }

    private static int[][] Lowest(IReadOnlyList<double[]> scores, IReadOnlyList<int> keepCounts, int roundTo)
    {
        if (roundTo < 1)
        {
            throw new InvalidOptionException($"RoundTo must be at least 1, got {roundTo}", "RoundTo");
        }
        var result = new int[scores.Count][];
        for (var g = 0; g < scores.Count; g++)
        {
            var n = scores[g].Length;
            var keep = Round(keepCounts[g], n, roundTo);
            result[g] = Lowest(scores[g], n - keep);
        }
        return result;
    }

    private static int Round(int keep, int units, int multiple)
    {
        keep = Math.Clamp(keep, 1, units);
        if (multiple <= 1 || units <= multiple)
        {
            return keep;
        }
        var rounded = (int)Math.Round(keep / (double)multiple, MidpointRounding.AwayFromZero) * multiple;
        return Math.Clamp(rounded, multiple, units);
    }

    private static int[] GlobalKeepCounts(IReadOnlyList<double[]> scores, double ratio, double maxGroupRatio)
    {
        // Scores are compared relative to each group's mean so that layers of different scale compete fairly.
        var entries = new List<(double Score, int Group)>();
        for (var g = 0; g < scores.Count; g++)
        {
            var mean = scores[g].Length == 0 ? 0 : scores[g].Average();
            foreach (var s in scores[g])
            {
                entries.Add((mean > 0 ? s / mean : s, g));
            }
        }
        var target = (int)Math.Floor((entries.Count * ratio) + 1e-9);
        var keep = scores.Select(s => s.Length).ToArray();
        var floors = scores.Select(s => Math.Max(1, s.Length - (int)Math.Floor(s.Length * maxGroupRatio))).ToArray();
        var removed = 0;
        foreach (var (_, g) in entries.OrderBy(e => e.Score).ThenBy(e => e.Group))
        {
            if (removed >= target)
            {
                break;
            }
            if (keep[g] > floors[g])
            {
                keep[g]--;
                removed++;
            }
        }
        return keep;
    }

    /// <summary>Indices of the <paramref name="count"/> lowest scores (ties broken by index), ascending by index.</summary>
    public static int[] Lowest(double[] scores, int count)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (count <= 0)
        {
            return [];
        }
        return [.. Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ThenBy(i => i).Take(count).Order()];
    }
}
