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

    /// <summary>Whether the size is a number (not a symbol and not unknown).</summary>
    public bool IsKnown => Value.HasValue;

    /// <summary>A dimension with neither a size nor a symbol.</summary>
    public static Dim Unknown => default;

    /// <summary>A dimension of known size.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static Dim Of(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new Dim(value, null);
    }

    /// <summary>A symbolic dimension, such as "batch" or "height", whose size is fixed only when the model runs.</summary>
    public static Dim Named(string symbol) => new(null, symbol);

    /// <summary>Lets a number stand where a dimension is expected.</summary>
    public static implicit operator Dim(long value) => Of(value);

    /// <summary>The size, the symbol's name, or "?" when unknown.</summary>
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
