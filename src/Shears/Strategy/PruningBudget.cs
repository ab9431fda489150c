using System.Globalization;

namespace Shears.Strategy;

/// <summary>
/// What a pruned model must stay within: a fraction of the dense model ("at most 0.25× its latency", "half its
/// MACs") or an absolute limit ("2.5 ms"), at one or more batch sizes (a latency budget must hold at each).
/// </summary>
public sealed record PruningBudget
{
    /// <summary>What is limited.</summary>
    public required BudgetKind Kind { get; init; }

    /// <summary>The most the pruned model may have as a fraction of the dense model, in (0, 1]; null when <see cref="Limit"/> is set.</summary>
    public double? Fraction { get; init; }

    /// <summary>An absolute limit (milliseconds, MACs, parameters or bytes); null when <see cref="Fraction"/> is set.</summary>
    public double? Limit { get; init; }

    /// <summary>The batch sizes the budget is for; a latency budget must hold at every one. Default: batch 1.</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1];

    /// <summary>At most <paramref name="fraction"/> of the dense model's MACs.</summary>
    public static PruningBudget Macs(double fraction) => new() { Kind = BudgetKind.Macs, Fraction = fraction };

    /// <summary>At most <paramref name="fraction"/> of the dense model's non-zero parameters.</summary>
    public static PruningBudget Parameters(double fraction) => new() { Kind = BudgetKind.Parameters, Fraction = fraction };

    /// <summary>At most <paramref name="fraction"/> of the dense model's weight bytes.</summary>
    public static PruningBudget Bytes(double fraction) => new() { Kind = BudgetKind.Bytes, Fraction = fraction };

    /// <summary>At most <paramref name="fraction"/> of the dense model's latency on the target.</summary>
    public static PruningBudget Latency(double fraction) => new() { Kind = BudgetKind.Latency, Fraction = fraction };

    /// <summary>At most <paramref name="milliseconds"/> per run on the target.</summary>
    public static PruningBudget LatencyMs(double milliseconds) => new() { Kind = BudgetKind.Latency, Limit = milliseconds };

    /// <summary>The absolute limit for a model whose dense value is <paramref name="dense"/>.</summary>
    public double LimitFor(double dense) => Limit ?? dense * Fraction!.Value;

    /// <summary>The same budget as an absolute limit of <paramref name="limit"/> (used to plan step by step against the dense model's figures).</summary>
    public PruningBudget WithLimit(double limit) => this with { Fraction = null, Limit = limit };

    /// <summary>Throws an <see cref="InvalidOptionException"/> naming the problem when the budget is impossible.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new InvalidOptionException($"unknown budget kind {Kind}", nameof(Kind));
        }
        if ((Fraction is null) == (Limit is null))
        {
            throw new InvalidOptionException("a budget needs exactly one of a fraction of the dense model or an absolute limit", nameof(Fraction), nameof(Limit));
        }
        if (Fraction is { } f && !(f > 0 && f <= 1))
        {
            throw new InvalidOptionException(string.Create(CultureInfo.InvariantCulture, $"a budget fraction must be in (0, 1], got {f}"), nameof(Fraction));
        }
        if (Limit is { } l && !(l > 0 && double.IsFinite(l)))
        {
            throw new InvalidOptionException(string.Create(CultureInfo.InvariantCulture, $"a budget limit must be positive, got {l}"), nameof(Limit));
        }
        if (Batches.Count == 0 || Batches.Any(b => b < 1))
        {
            throw new InvalidOptionException($"a budget's batch sizes must be at least 1, got [{string.Join(", ", Batches)}]", nameof(Batches));
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var kind = Kind.ToString().ToLowerInvariant();
        var amount = Fraction is { } f
            ? string.Create(CultureInfo.InvariantCulture, $"{f:0.###}× {kind}")
            : Kind == BudgetKind.Latency
                ? string.Create(CultureInfo.InvariantCulture, $"{Limit:0.####} ms latency")
                : string.Create(CultureInfo.InvariantCulture, $"{Limit:0.###} {kind}");
        return Kind == BudgetKind.Latency ? $"{amount} at batch {string.Join(",", Batches)}" : amount;
    }
}
