namespace Shears.Strategy;

/// <summary>How much validation accuracy a model loses as one group is pruned further and further, the others untouched.</summary>
/// <param name="Group">The plan group's key.</param>
/// <param name="Units">Units (channels or heads) the group has.</param>
/// <param name="Points">One per distinct amount scanned, smallest first.</param>
public sealed record SensitivityCurve(string Group, int Units, IReadOnlyList<SensitivityPoint> Points)
{
    /// <summary>
    /// The drop at each point as the worst seen at that ratio or any smaller one: pruning more is never judged safer than
    /// pruning less, so a noisy bump of accuracy at a large ratio does not let a group go further than its smaller ratios allow.
    /// </summary>
    public IReadOnlyList<double> Envelope()
    {
        var worst = double.NegativeInfinity;
        return [.. Points.Select(p => worst = Math.Max(worst, p.Drop))];
    }
}
