namespace Shears.IR;

/// <summary>One dimension of a shape: a known size, a named symbol (such as a batch size), or unknown.</summary>
public readonly record struct Dim
{
    private Dim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The size, when known.</summary>
    public long? Value { get; }

    /// <summary>The symbol's name, when the size is symbolic.</summary>
    public string? Symbol { get; }

    public bool IsKnown => Value.HasValue;

    public static Dim Unknown => default;

    public static Dim Of(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new Dim(value, null);
    }

    public static Dim Named(string symbol) => new(null, symbol);

    public static implicit operator Dim(long value) => Of(value);

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
