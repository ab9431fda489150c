namespace Shears.IR.Inference;

/// <summary>Numpy-style multidirectional broadcasting of shapes, with symbolic dimensions.</summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of several shapes; null when the shapes cannot broadcast.</summary>
    public static Shape? Shapes(IReadOnlyList<Shape> shapes)
    {
        var rank = shapes.Max(s => s.Rank);
        var dims = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            Dim result = 1;
            var first = true;
            foreach (var shape in shapes)
            {
                var offset = i - (rank - shape.Rank);
                if (offset < 0)
                {
                    continue;
                }
                var d = shape[offset];
                if (first)
                {
                    result = d;
                    first = false;
                    continue;
                }
                if (!Combine(result, d, out result))
                {
                    return null;
                }
            }
            dims[i] = result;
        }
        return new Shape(dims);
    }

    private static bool Combine(Dim a, Dim b, out Dim result)
    {
        if (a.Value == 1)
        {
            result = b;
            return true;
        }
        if (b.Value == 1 || a == b)
        {
            result = a;
            return true;
        }
        if (a.Value is { } x && b.Value is { } y)
        {
            result = default;
            return x == y;
        }
        // One side is symbolic or unknown: broadcasting is only valid if it equals the other (or is 1).
        result = a.IsKnown ? a : b.IsKnown ? b : Dim.Unknown;
        return true;
    }

    /// <summary>Broadcast dims of concrete shapes.</summary>
    public static long[] Dims(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var dims = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var x = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var y = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (x != y && x != 1 && y != 1)
            {
                throw new InvalidOperationException($"shapes [{string.Join(",", a)}] and [{string.Join(",", b)}] do not broadcast");
            }
            dims[i] = x == 1 ? y : x;
        }
        return dims;
    }

    /// <summary>For each element of the broadcast output, the flat index into a source of the given dims.</summary>
    public static long[] SourceIndices(long[] source, long[] output)
    {
        var count = output.Aggregate(1L, (p, d) => p * d);
        var indices = new long[count];
        var rank = output.Length;
        var sourceStrides = new long[rank];
        long stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            var offset = i - (rank - source.Length);
            var d = offset >= 0 ? source[offset] : 1;
            sourceStrides[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        var position = new long[rank];
        for (long flat = 0; flat < count; flat++)
        {
            long index = 0;
            for (var i = 0; i < rank; i++)
            {
                index += position[i] * sourceStrides[i];
            }
            indices[flat] = index;
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++position[i] < output[i])
                {
                    break;
                }
                position[i] = 0;
            }
        }
        return indices;
    }
}
