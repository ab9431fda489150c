using System.Collections;
using System.Collections.Immutable;

namespace Shears.IR;

/// <summary>An immutable tensor shape: a rank and one <see cref="Dim"/> per axis.</summary>
public sealed class Shape : IReadOnlyList<Dim>, IEquatable<Shape>
{
    private readonly ImmutableArray<Dim> _dims;

    /// <summary>A shape with these dimensions, outermost first.</summary>
    public Shape(IEnumerable<Dim> dims) => _dims = [.. dims];

    /// <summary>The rank-0 shape of a scalar.</summary>
    public static Shape Scalar { get; } = new([]);

    /// <summary>A shape of known sizes.</summary>
    public static Shape Of(params long[] dims) => new(dims.Select(d => Dim.Of(d)));

    /// <summary>A shape of known sizes.</summary>
    public static Shape Of(IEnumerable<long> dims) => new(dims.Select(d => Dim.Of(d)));

    /// <summary>The number of axes.</summary>
    public int Rank => _dims.Length;

    /// <summary>The number of axes (the same as <see cref="Rank"/>, for <see cref="IReadOnlyList{T}"/>).</summary>
    public int Count => _dims.Length;

    /// <summary>The dimension of axis <paramref name="index"/> (non-negative; see <see cref="Axis"/> for negative axes).</summary>
    public Dim this[int index] => _dims[index];

    /// <summary>True when every dimension has a known size.</summary>
    public bool IsConcrete => _dims.All(d => d.IsKnown);

    /// <summary>The sizes; throws when any is unknown.</summary>
    public long[] ToArray()
    {
        var result = new long[_dims.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _dims[i].Value ?? throw new InvalidOperationException($"shape {this} is not concrete");
        }
        return result;
    }

    /// <summary>Number of elements, or null when some dimension is unknown.</summary>
    public long? ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in _dims)
            {
                if (d.Value is not { } v)
                {
                    return null;
                }
                count *= v;
            }
            return count;
        }
    }

    /// <summary>Size of an axis; negative axes count from the end.</summary>
    public Dim Axis(long axis) => _dims[(int)(axis < 0 ? axis + Rank : axis)];

    /// <summary>A copy with the dimension of <paramref name="axis"/> replaced.</summary>
    public Shape With(int axis, Dim dim) => new(_dims.SetItem(axis, dim));

    /// <summary>The dimensions, outermost first.</summary>
    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether both shapes have the same rank and equal dimensions (symbols compared by name).</summary>
    public bool Equals(Shape? other) => other is not null && _dims.SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims)
        {
            hash.Add(d);
        }
        return hash.ToHashCode();
    }

    /// <summary>The dimensions as in a message, such as <c>[1×3×224×224]</c> or <c>[batch×10]</c>.</summary>
    public override string ToString() => "[" + string.Join("×", _dims) + "]";
}
