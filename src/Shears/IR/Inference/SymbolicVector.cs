namespace Shears.IR.Inference;

/// <summary>
/// An integer scalar or vector (a shape, or a piece of one) whose elements are each known,
/// symbolic or unknown. Inference keeps one for every shape value that is not fully constant, so
/// Shape → Gather → Mul → Concat → Reshape chains keep what holds at every input size.
/// </summary>
internal sealed class SymbolicVector
{
    // Shape vectors are short; longer integer tensors are data, not shapes.
    private const int MaxLength = 64;

    public SymbolicVector(DataType type, bool isScalar, ShapeElement[] elements)
    {
        if (isScalar && elements.Length != 1)
        {
            throw new ArgumentException("a scalar has one element", nameof(elements));
        }
        Type = type;
        IsScalar = isScalar;
        Elements = elements;
    }

    public DataType Type { get; }

    public bool IsScalar { get; }

    public ShapeElement[] Elements { get; }

    public int Length => Elements.Length;

    public long[] Dims => IsScalar ? [] : [Elements.Length];

    public bool IsKnown => Array.TrueForAll(Elements, e => e.IsKnown);

    public static SymbolicVector OfDims(IEnumerable<Dim> dims) => new(DataType.Int64, false, [.. dims.Select(ShapeElement.Of)]);

    /// <summary>An integer constant of rank 0 or 1 as a vector of known elements; null for other constants.</summary>
    public static SymbolicVector? From(ConstantValue value) =>
        value.IsReal || value.Dims.Length > 1 || value.Count > MaxLength
            ? null
            : new(value.Type, value.Dims.Length == 0, [.. value.Integers!.Select(ShapeElement.Known)]);

    /// <summary>The constant these elements make, when every one is known.</summary>
    public ConstantValue? ToConstant() => IsKnown
        ? ConstantValue.OfIntegers(Type, Dims, [.. Elements.Select(e => e.Value!.Value)])
        : null;

    /// <summary>The dimensions these elements describe when used as a shape.</summary>
    public Shape ToShape() => new(Elements.Select(e => e.ToDim()));

    public SymbolicVector WithType(DataType type) => new(type, IsScalar, Elements);

    /// <summary>The same elements as a scalar (one element) or a vector.</summary>
    public SymbolicVector? WithRank(int rank) => rank switch
    {
        0 when Length == 1 => new(Type, true, Elements),
        1 => new(Type, false, Elements),
        _ => null,
    };

    /// <summary>Elements picked by index (negative counts from the end); null when an index is out of range.</summary>
    public SymbolicVector? Gather(long[] indices, bool scalar)
    {
        var picked = new ShapeElement[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var k = indices[i] < 0 ? indices[i] + Length : indices[i];
            if (k < 0 || k >= Length)
            {
                return null;
            }
            picked[i] = Elements[k];
        }
        return new(Type, scalar, picked);
    }

    public static SymbolicVector Concat(IReadOnlyList<SymbolicVector> parts) =>
        new(parts[0].Type, false, [.. parts.SelectMany(p => p.Elements)]);

    /// <summary>An elementwise operation with broadcasting between scalars, one-element and full vectors; null when lengths clash.</summary>
    public static SymbolicVector? Zip(SymbolicVector a, SymbolicVector b, DataType type, Func<ShapeElement, ShapeElement, ShapeElement> op)
    {
        var length = Math.Max(a.Length, b.Length);
        if ((a.Length != length && a.Length != 1) || (b.Length != length && b.Length != 1))
        {
            return null;
        }
        var result = new ShapeElement[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = op(At(a, i), At(b, i));
        }
        return new(type, a.IsScalar && b.IsScalar, result);
    }

    /// <summary>Elementwise choice; an unknown condition keeps the element only when both sides agree.</summary>
    public static SymbolicVector? Where(SymbolicVector condition, SymbolicVector whenTrue, SymbolicVector whenFalse)
    {
        if (Zip(whenTrue, whenFalse, whenTrue.Type, (t, f) => t == f ? t : ShapeElement.Unknown) is not { } agreed
            || Zip(condition, agreed, whenTrue.Type, (_, e) => e) is not { } shaped)
        {
            return null;
        }
        var picks = new ShapeElement[shaped.Length];
        for (var i = 0; i < picks.Length; i++)
        {
            var side = At(condition, i).Value switch { null => agreed, 0 => whenFalse, _ => whenTrue };
            picks[i] = At(side, i);
        }
        return new(whenTrue.Type, shaped.IsScalar, picks);
    }

    // Element i of a vector broadcast from one element.
    private static ShapeElement At(SymbolicVector v, int i) => v.Elements[v.Length == 1 ? 0 : i];

    public override string ToString() => $"[{string.Join(",", Elements)}]";
}
