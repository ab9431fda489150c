namespace Shears.IR.Inference;

/// <summary>
/// A small tensor whose elements are known while inferring shapes (shape vectors, axes, scalars).
/// Integers and booleans are held exactly as int64, floating types as double rounded to the
/// element type after every operation, so folded results match a runtime's.
/// </summary>
internal sealed class ConstantValue
{
    private ConstantValue(DataType type, long[] dims, long[]? integers, double[]? reals)
    {
        Type = type;
        Dims = dims;
        Integers = integers;
        Reals = reals;
    }

    public DataType Type { get; }

    public long[] Dims { get; }

    /// <summary>Elements of integer and bool values.</summary>
    public long[]? Integers { get; }

    /// <summary>Elements of floating-point values.</summary>
    public double[]? Reals { get; }

    public bool IsReal => Reals is not null;

    public int Count => Integers?.Length ?? Reals!.Length;

    public Shape Shape => Shape.Of(Dims);

    public static bool IsRealType(DataType type) => DataTypes.IsFloatingPoint(type);

    public static bool CanHold(DataType type) => IsRealType(type) || DataTypes.IsInteger(type) || type == DataType.Bool;

    public static ConstantValue OfIntegers(DataType type, long[] dims, long[] values) => new(type, dims, Wrap(type, values), null);

    public static ConstantValue OfReals(DataType type, long[] dims, double[] values) => new(type, dims, null, Round(type, values));

    public static ConstantValue Vector(params long[] values) => OfIntegers(DataType.Int64, [values.Length], values);

    public static ConstantValue Scalar(DataType type, double value) => IsRealType(type)
        ? OfReals(type, [], [value])
        : OfIntegers(type, [], [(long)value]);

    /// <summary>Element i as double (exact for integers up to 2^53).</summary>
    public double Real(int i) => Reals is not null ? Reals[i] : Integers![i];

    /// <summary>Element i as int64, truncating reals toward zero.</summary>
    public long Integer(int i) => Integers is not null ? Integers[i] : (long)Reals![i];

    public long[] ToIntegers() => Integers ?? [.. Reals!.Select(r => (long)r)];

    public double[] ToReals() => Reals ?? [.. Integers!.Select(i => (double)i)];

    /// <summary>The same elements under other dimensions.</summary>
    public ConstantValue WithDims(long[] dims) => new(Type, dims, Integers, Reals);

    /// <summary>Elements converted to another type with ONNX Cast semantics.</summary>
    public ConstantValue CastTo(DataType type)
    {
        if (IsRealType(type))
        {
            return OfReals(type, Dims, ToReals());
        }
        if (type == DataType.Bool)
        {
            var bools = new long[Count];
            for (var i = 0; i < bools.Length; i++)
            {
                bools[i] = Real(i) != 0 ? 1 : 0;
            }
            return OfIntegers(type, Dims, bools);
        }
        return OfIntegers(type, Dims, ToIntegers());
    }

    /// <summary>Selects elements by flat index into a new value of the given dims.</summary>
    public ConstantValue Select(long[] dims, IReadOnlyList<long> flatIndices)
    {
        if (Integers is not null)
        {
            var picked = new long[flatIndices.Count];
            for (var i = 0; i < picked.Length; i++)
            {
                picked[i] = Integers[flatIndices[i]];
            }
            return new ConstantValue(Type, dims, picked, null);
        }
        var reals = new double[flatIndices.Count];
        for (var i = 0; i < reals.Length; i++)
        {
            reals[i] = Reals![flatIndices[i]];
        }
        return new ConstantValue(Type, dims, null, reals);
    }

    public static ConstantValue FromTensor(Tensor tensor) => IsRealType(tensor.ElementType)
        ? OfReals(tensor.ElementType, [.. tensor.Dims], tensor.ToDoubles())
        : OfIntegers(tensor.ElementType, [.. tensor.Dims], tensor.ToInt64s());

    public Tensor ToTensor(string name)
    {
        var n = Count;
        switch (Type)
        {
            case DataType.Float:
                var floats = new float[n];
                for (var i = 0; i < n; i++) { floats[i] = (float)Reals![i]; }
                return Tensor.FromFloats(name, Dims, floats);
            case DataType.Double:
                return Tensor.FromDoubles(name, Dims, Reals);
            case DataType.Int64:
                return Tensor.FromInt64s(name, Dims, Integers);
            case DataType.Int32:
                var ints = new int[n];
                for (var i = 0; i < n; i++) { ints[i] = (int)Integers![i]; }
                return Tensor.FromInt32s(name, Dims, ints);
            case DataType.Bool:
                var bools = new bool[n];
                for (var i = 0; i < n; i++) { bools[i] = Integers![i] != 0; }
                return Tensor.FromBools(name, Dims, bools);
            case DataType.Float16:
                var halves = new byte[2 * n];
                for (var i = 0; i < n; i++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(halves.AsSpan(2 * i), BitConverter.HalfToUInt16Bits((Half)Reals![i]));
                }
                return Tensor.FromBytes(name, Type, Dims, halves);
            default:
                var size = DataTypes.SizeOf(Type);
                if (size == 0 || IsRealType(Type))
                {
                    throw new InvalidOperationException($"cannot materialise a {DataTypes.Name(Type)} constant");
                }
                var bytes = new byte[size * n];
                for (var i = 0; i < n; i++)
                {
                    var v = Integers![i];
                    for (var b = 0; b < size; b++)
                    {
                        bytes[(i * size) + b] = (byte)(v >> (8 * b));
                    }
                }
                return Tensor.FromBytes(name, Type, Dims, bytes);
        }
    }

    public override string ToString() =>
        $"{DataTypes.Name(Type)}[{string.Join("×", Dims)}]{{{string.Join(",", Enumerable.Range(0, Math.Min(Count, 8)).Select(i => IsReal ? Real(i).ToString(System.Globalization.CultureInfo.InvariantCulture) : Integer(i).ToString(System.Globalization.CultureInfo.InvariantCulture)))}{(Count > 8 ? ",…" : "")}}}";

    private static double[] Round(DataType type, double[] values)
    {
        switch (type)
        {
            case DataType.Float:
                for (var i = 0; i < values.Length; i++) { values[i] = (float)values[i]; }
                break;
            case DataType.Float16:
                for (var i = 0; i < values.Length; i++) { values[i] = (double)(Half)values[i]; }
                break;
            case DataType.BFloat16:
                for (var i = 0; i < values.Length; i++) { values[i] = RoundToBFloat16(values[i]); }
                break;
            default:
                break;
        }
        return values;
    }

    private static double RoundToBFloat16(double value)
    {
        var bits = BitConverter.SingleToUInt32Bits((float)value);
        if (float.IsNaN((float)value))
        {
            return value;
        }
        // Round to nearest even on the 16 dropped bits.
        var rounded = bits + 0x7FFF + ((bits >> 16) & 1);
        return BitConverter.UInt32BitsToSingle(rounded & 0xFFFF0000);
    }

    // Integers wrap to the width of their type, as fixed-width arithmetic in a runtime would.
    private static long[] Wrap(DataType type, long[] values)
    {
        Func<long, long>? wrap = type switch
        {
            DataType.Int32 => v => (int)v,
            DataType.Int16 => v => (short)v,
            DataType.Int8 => v => (sbyte)v,
            DataType.UInt32 => v => (uint)v,
            DataType.UInt16 => v => (ushort)v,
            DataType.UInt8 => v => (byte)v,
            DataType.Bool => v => v != 0 ? 1 : 0,
            _ => null,
        };
        if (wrap is not null)
        {
            for (var i = 0; i < values.Length; i++) { values[i] = wrap(values[i]); }
        }
        return values;
    }
}
