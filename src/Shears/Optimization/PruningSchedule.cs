namespace Shears.Optimization;

/// <summary>
/// The gradual schedule: after step t of n the model may keep f(t) = final + (1 − final)(1 − t/n)^e of the dense
/// model's budgeted cost, so early steps cut most (while much redundancy is left) and later ones cut less.
/// </summary>
public static class PruningSchedule
{
    /// <summary>The fraction of the dense cost allowed after <paramref name="step"/> of <paramref name="steps"/>.</summary>
    /// <param name="step">Steps taken, 0 to <paramref name="steps"/>.</param>
    /// <param name="steps">Steps in all.</param>
    /// <param name="final">The budget's fraction, reached at the last step.</param>
    /// <param name="exponent">The decay's exponent (3 is the usual cubic).</param>
    public static double Fraction(int step, int steps, double final, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, steps);
        return final + ((1 - final) * Math.Pow(1 - ((double)step / steps), exponent));
    }
}
