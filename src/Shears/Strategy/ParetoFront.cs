namespace Shears.Strategy;

/// <summary>Marks the candidates no other candidate beats on both cost and accuracy.</summary>
public static class ParetoFront
{
    /// <summary>
    /// The candidates in the same order, each with <see cref="PlanCandidate.OnFront"/> true exactly when no other is at most as
    /// costly and at least as accurate, and better in one of the two.
    /// </summary>
    public static IReadOnlyList<PlanCandidate> Mark(IReadOnlyList<PlanCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates.Select(c => c with { OnFront = !candidates.Any(other => Dominates(other, c)) })];
    }

    /// <summary>True when <paramref name="a"/> is no worse than <paramref name="b"/> on cost and accuracy and better on one.</summary>
    public static bool Dominates(PlanCandidate a, PlanCandidate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Cost <= b.Cost && a.Accuracy >= b.Accuracy && (a.Cost < b.Cost || a.Accuracy > b.Accuracy);
    }
}
