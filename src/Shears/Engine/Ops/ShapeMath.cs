namespace Shears.Engine.Ops;

/// <summary>Shape arithmetic shared by the executors: products, row-major strides, axis normalisation.</summary>
internal static class ShapeMath
{
    public static int Product(ReadOnlySpan<int> dims)
    {
        var product = 1;
        foreach (var d in dims)
        {
            product *= d;
        }
        return product;
    }

    /// <summary>Row-major element strides of a dense tensor.</summary>
    public static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var a = shape.Length - 1; a >= 0; a--)
        {
            strides[a] = stride;
            stride *= shape[a];
        }
        return strides;
    }

    /// <summary>The tensor seen as [outer, size, inner] around one axis.</summary>
    public static (int Outer, int Size, int Inner) AroundAxis(int[] shape, int axis) =>
        (Product(shape.AsSpan(0, axis)), shape[axis], Product(shape.AsSpan(axis + 1)));

    /// <summary>An axis attribute or input normalised to [0, rank); negative values count from the end.</summary>
    public static int Axis(OpExecutorContext context, long axis, int rank)
    {
        var normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw context.Fail($"axis {axis} is out of range for rank {rank}");
        }
        return (int)normalized;
    }
}
