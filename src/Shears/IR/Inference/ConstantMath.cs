namespace Shears.IR.Inference;

/// <summary>Element-by-element arithmetic on constants, used to fold shape sub-graphs.</summary>
internal static class ConstantMath
{
    public static ConstantValue Unary(ConstantValue x, DataType outputType, Func<double, double> real, Func<long, long>? integer)
    {
        if (integer is not null && !x.IsReal && !ConstantValue.IsRealType(outputType))
        {
            return ConstantValue.OfIntegers(outputType, x.Dims, [.. x.Integers!.Select(integer)]);
        }
        var values = x.ToReals().Select(real).ToArray();
        return ConstantValue.IsRealType(outputType)
            ? ConstantValue.OfReals(outputType, x.Dims, values)
            : ConstantValue.OfIntegers(outputType, x.Dims, [.. values.Select(v => (long)v)]);
    }

    /// <summary>Applies a binary function with broadcasting, in integers when both inputs and the output are integral.</summary>
    public static ConstantValue Binary(ConstantValue a, ConstantValue b, DataType outputType, Func<double, double, double> real, Func<long, long, long> integer)
    {
        var dims = Broadcasting.Dims(a.Dims, b.Dims);
        var ia = Broadcasting.SourceIndices(a.Dims, dims);
        var ib = Broadcasting.SourceIndices(b.Dims, dims);
        var useIntegers = !a.IsReal && !b.IsReal;
        if (useIntegers)
        {
            var result = new long[ia.Length];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = integer(a.Integers![ia[i]], b.Integers![ib[i]]);
            }
            return ConstantValue.IsRealType(outputType)
                ? ConstantValue.OfReals(outputType, dims, [.. result.Select(v => (double)v)])
                : ConstantValue.OfIntegers(outputType, dims, result);
        }
        var reals = new double[ia.Length];
        for (var i = 0; i < reals.Length; i++)
        {
            reals[i] = real(a.Real((int)ia[i]), b.Real((int)ib[i]));
        }
        return ConstantValue.IsRealType(outputType)
            ? ConstantValue.OfReals(outputType, dims, reals)
            : ConstantValue.OfIntegers(outputType, dims, [.. reals.Select(v => (long)v)]);
    }

    /// <summary>Row-major strides of dims.</summary>
    public static long[] Strides(long[] dims)
    {
        var strides = new long[dims.Length];
        long s = 1;
        for (var i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= dims[i];
        }
        return strides;
    }

    public static long Product(IEnumerable<long> dims) => dims.Aggregate(1L, (p, d) => p * d);

    /// <summary>Visits every multi-index of dims in row-major order.</summary>
    public static IEnumerable<long[]> Positions(long[] dims)
    {
        var count = Product(dims);
        var position = new long[dims.Length];
        for (long flat = 0; flat < count; flat++)
        {
            yield return position;
            for (var i = dims.Length - 1; i >= 0; i--)
            {
                if (++position[i] < dims[i])
                {
                    break;
                }
                position[i] = 0;
            }
        }
    }
}
