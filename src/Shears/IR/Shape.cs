using System.Collections;
using System.Collections.Immutable;

namespace Shears.IR;

/// <summary>An immutable tensor shape: a rank and one <see cref="Dim"/> per axis.</summary>
public sealed class Shape : IReadOnlyList<Dim>, IEquatable<Shape>
{
    private readonly ImmutableArray<Dim> _dims;

    public Shape(IEnumerable<Dim> dims) => _dims = [.. dims];

    public static Shape Scalar { get; } = new([]);

    public static Shape Of(params long[] dims) => new(dims.Select(d => Dim.Of(d)));

    public static Shape Of(IEnumerable<long> dims) => new(dims.Select(d => Dim.Of(d)));

    public int Rank => _dims.Length;

    public int Count => _dims.Length;

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

    public Shape With(int axis, Dim dim) => new(_dims.SetItem(axis, dim));

    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Shape? other) => other is not null && _dims.SequenceEqual(other._dims);

    public override bool Equals(object? obj) => Equals(obj as Shape);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims)
        {
            hash.Add(d);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join("×", _dims) + "]";
}
