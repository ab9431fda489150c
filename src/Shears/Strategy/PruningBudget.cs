using System.Globalization;

namespace Shears.Strategy;

/// <summary>A budget as a fraction of the dense model: "at most 50% of its MACs", "at most 0.4× its latency".</summary>
/// <param name="Kind">What is limited.</param>
/// <param name="Fraction">The most the pruned model may have, as a fraction of the dense model, in (0, 1].</param>
public sealed record PruningBudget(BudgetKind Kind, double Fraction)
{
    /// <summary>At most <paramref name="fraction"/> of the dense model's MACs.</summary>
    public static PruningBudget Macs(double fraction) => new(BudgetKind.Macs, fraction);

    /// <summary>At most <paramref name="fraction"/> of the dense model's parameters.</summary>
    public static PruningBudget Parameters(double fraction) => new(BudgetKind.Parameters, fraction);

    /// <summary>At most <paramref name="fraction"/> of the dense model's predicted latency on the target.</summary>
    public static PruningBudget Latency(double fraction) => new(BudgetKind.Latency, fraction);

    /// <summary>Throws when the fraction is outside (0, 1].</summary>
    public void Validate()
    {
        if (!(Fraction > 0 && Fraction <= 1))
        {
            throw new InvalidOptionException($"a budget fraction must be in (0, 1], got {Fraction}", nameof(Fraction));
        }
        if (!Enum.IsDefined(Kind))
        {
            throw new InvalidOptionException($"unknown budget kind {Kind}", nameof(Kind));
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Fraction:0.###}× {Kind.ToString().ToLowerInvariant()}");
}
