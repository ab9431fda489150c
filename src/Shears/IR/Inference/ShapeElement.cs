using System.Globalization;

namespace Shears.IR.Inference;

/// <summary>
/// One element of a shape vector while inferring: a known integer, a positive multiple of a
/// symbolic size (batch, 4·batch), or unknown. Exporters compute reshape targets from the input's
/// shape; tracking elements one by one keeps the known ones known when others are symbolic.
/// </summary>
internal readonly record struct ShapeElement
{
    private ShapeElement(long? value, string? symbol, long factor)
    {
        Value = value;
        Symbol = symbol;
        Factor = factor;
    }

    /// <summary>The integer, when known.</summary>
    public long? Value { get; }

    /// <summary>The symbolic size this element is a multiple of, when symbolic.</summary>
    public string? Symbol { get; }

    /// <summary>The positive multiple of <see cref="Symbol"/>.</summary>
    public long Factor { get; }

    public bool IsKnown => Value.HasValue;

    public bool IsSymbolic => Symbol is not null;

    public static ShapeElement Unknown => default;

    public static ShapeElement Known(long value) => new(value, null, 0);

    public static ShapeElement Named(string symbol, long factor = 1) =>
        factor > 0 ? new(null, symbol, factor) : throw new ArgumentOutOfRangeException(nameof(factor), factor, "a symbolic size's factor must be positive");

    /// <summary>A dimension as an element; a symbol written as "k*name" reads back as k times name.</summary>
    public static ShapeElement Of(Dim dim)
    {
        if (dim.Value is { } v)
        {
            return Known(v);
        }
        if (dim.Symbol is not { } symbol)
        {
            return Unknown;
        }
        var star = symbol.IndexOf('*', StringComparison.Ordinal);
        return star > 0 && long.TryParse(symbol.AsSpan(0, star), NumberStyles.None, CultureInfo.InvariantCulture, out var factor) && factor > 0
            ? Named(symbol[(star + 1)..], factor)
            : Named(symbol);
    }

    /// <summary>The element as a dimension; negative integers (−1, "infer") are no size.</summary>
    public Dim ToDim() => this switch
    {
        { Value: >= 0 } => Dim.Of(Value.Value),
        { Symbol: { } s, Factor: 1 } => Dim.Named(s),
        { Symbol: { } s } => Dim.Named(string.Create(CultureInfo.InvariantCulture, $"{Factor}*{s}")),
        _ => Dim.Unknown,
    };

    public static ShapeElement operator +(ShapeElement a, ShapeElement b) => (a, b) switch
    {
        ({ Value: { } x }, { Value: { } y }) => Known(x + y),
        ({ IsSymbolic: true }, { Value: 0 }) => a,
        ({ Value: 0 }, { IsSymbolic: true }) => b,
        ({ Symbol: { } s }, { Symbol: { } t }) when s == t => Named(s, a.Factor + b.Factor),
        _ => Unknown,
    };

    public static ShapeElement operator -(ShapeElement a, ShapeElement b) => (a, b) switch
    {
        ({ Value: { } x }, { Value: { } y }) => Known(x - y),
        ({ IsSymbolic: true }, { Value: 0 }) => a,
        ({ Symbol: { } s }, { Symbol: { } t }) when s == t && a.Factor == b.Factor => Known(0),
        ({ Symbol: { } s }, { Symbol: { } t }) when s == t && a.Factor > b.Factor => Named(s, a.Factor - b.Factor),
        _ => Unknown,
    };

    public static ShapeElement operator *(ShapeElement a, ShapeElement b) => (a, b) switch
    {
        ({ Value: { } x }, { Value: { } y }) => Known(x * y),
        ({ IsSymbolic: true }, { Value: { } k }) => Scaled(a, k),
        ({ Value: { } k }, { IsSymbolic: true }) => Scaled(b, k),
        _ => Unknown,
    };

    /// <summary>Integer division truncating toward zero, as ONNX Div on integers.</summary>
    public static ShapeElement operator /(ShapeElement a, ShapeElement b) => (a, b) switch
    {
        ({ Value: { } x }, { Value: { } y and not 0 }) => Known(x / y),
        ({ Symbol: { } s }, { Value: { } k and > 0 }) when a.Factor % k == 0 => Named(s, a.Factor / k),
        _ => Unknown,
    };

    /// <summary>Whether two elements are equal: 1, 0, or unknown. A size is never negative.</summary>
    public static ShapeElement Equal(ShapeElement a, ShapeElement b) => (a, b) switch
    {
        ({ Value: { } x }, { Value: { } y }) => Known(x == y ? 1 : 0),
        ({ IsSymbolic: true }, { Value: < 0 }) or ({ Value: < 0 }, { IsSymbolic: true }) => Known(0),
        ({ Symbol: { } s }, { Symbol: { } t }) when s == t && a.Factor == b.Factor => Known(1),
        _ => Unknown,
    };

    private static ShapeElement Scaled(ShapeElement symbolic, long k) => k switch
    {
        0 => Known(0),
        > 0 => Named(symbolic.Symbol!, symbolic.Factor * k),
        _ => Unknown,
    };

    public override string ToString() => Value?.ToString(CultureInfo.InvariantCulture) ?? (IsSymbolic ? ToDim().ToString() : "?");
}
