using Shears.IR;

namespace Shears.Engine;

/// <summary>
/// A dense row-major tensor the engine computes on. Float32 is the compute type; int64 and bool
/// values (indices, masks) are carried for the few ops that need them. Views share storage.
/// </summary>
public sealed class EngineTensor
{
    private EngineTensor(DataType type, int[] shape, float[]? floats, long[]? longs, bool[]? bools)
    {
        Type = type;
        Shape = shape;
        Length = ElementCount(shape);
        Floats = floats ?? [];
        Longs = longs ?? [];
        Bools = bools ?? [];
    }

    /// <summary>The storage type: <see cref="DataType.Float"/>, <see cref="DataType.Int64"/> or <see cref="DataType.Bool"/>.</summary>
    public DataType Type { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of elements (the backing array may be longer).</summary>
    public int Length { get; }

    /// <summary>The backing array of a float tensor (empty otherwise); only the first <see cref="Length"/> elements belong to it.</summary>
    public float[] Floats { get; }

    /// <summary>The backing array of an int64 tensor (empty otherwise); only the first <see cref="Length"/> elements belong to it.</summary>
    public long[] Longs { get; }

    /// <summary>The backing array of a bool tensor (empty otherwise); only the first <see cref="Length"/> elements belong to it.</summary>
    public bool[] Bools { get; }

    /// <summary>The float elements, exactly <see cref="Length"/> of them.</summary>
    public Span<float> Span => Floats.AsSpan(0, Length);

    /// <summary>
    /// Counts announced in-place rewrites (<see cref="MarkChanged"/>). Executors that keep a
    /// transformed copy of a weight, such as packed GEMM panels, compare it to know when to refresh.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Announces that the values were rewritten in place: optimizer steps and masks call it, and so must anyone who writes a weight of a compiled plan directly.</summary>
    public void MarkChanged() => Version++;

    /// <summary>A zero tensor stored in the engine family of <paramref name="type"/> (see <see cref="StorageType"/>).</summary>
    public static EngineTensor Zeros(DataType type, int[] shape)
    {
        var n = ElementCount(shape);
        return StorageType(type) switch
        {
            DataType.Float => new EngineTensor(DataType.Float, shape, new float[n], null, null),
            DataType.Int64 => new EngineTensor(DataType.Int64, shape, null, new long[n], null),
            _ => new EngineTensor(DataType.Bool, shape, null, null, new bool[n]),
        };
    }

    /// <summary>The engine type holding values of an ONNX type: float32 for every floating type, int64 for every integer type, bool.</summary>
    public static DataType StorageType(DataType type)
    {
        if (DataTypes.IsFloatingPoint(type))
        {
            return DataType.Float;
        }
        if (DataTypes.IsInteger(type))
        {
            return DataType.Int64;
        }
        return type == DataType.Bool
            ? DataType.Bool
            : throw new ShearsException($"the engine computes in float32, int64 and bool; {DataTypes.Name(type)} is not supported");
    }

    /// <summary>A float32 zero tensor of the given shape.</summary>
    public static EngineTensor Zeros(params int[] shape) => Zeros(DataType.Float, shape);

    /// <summary>Wraps <paramref name="data"/> as a float tensor without copying; the array may be longer than the shape needs.</summary>
    public static EngineTensor FromFloats(int[] shape, float[] data) => new(DataType.Float, shape, data, null, null);

    /// <summary>Wraps <paramref name="data"/> as an int64 tensor without copying.</summary>
    public static EngineTensor FromLongs(int[] shape, long[] data) => new(DataType.Int64, shape, null, data, null);

    /// <summary>Wraps <paramref name="data"/> as a bool tensor without copying.</summary>
    public static EngineTensor FromBools(int[] shape, bool[] data) => new(DataType.Bool, shape, null, null, data);

    /// <summary>An engine copy of an IR tensor, converted to the engine type family.</summary>
    public static EngineTensor FromTensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.Dims.Select(d => checked((int)d)).ToArray();
        if (DataTypes.IsFloatingPoint(tensor.ElementType))
        {
            return FromFloats(shape, tensor.ToFloats());
        }
        if (tensor.ElementType == DataType.Bool)
        {
            return FromBools(shape, [.. tensor.ToInt64s().Select(v => v != 0)]);
        }
        if (DataTypes.IsInteger(tensor.ElementType))
        {
            return FromLongs(shape, tensor.ToInt64s());
        }
        throw new ShearsException($"tensor '{tensor.Name}' of type {DataTypes.Name(tensor.ElementType)} cannot be used by the engine");
    }

    /// <summary>The same storage seen with another shape of equal element count.</summary>
    public EngineTensor View(int[] shape)
    {
        if (ElementCount(shape) != Length)
        {
            throw new InvalidOperationException($"cannot view {Length} elements as [{string.Join(",", shape)}]");
        }
        return new EngineTensor(Type, shape, Floats, Longs, Bools);
    }

    /// <summary>An IR copy of the elements under <paramref name="name"/>, such as to write a trained weight back into a model.</summary>
    public Tensor ToTensor(string name) => Type switch
    {
        DataType.Float => Tensor.FromFloats(name, Shape.Select(d => (long)d), Floats.AsSpan(0, Length)),
        DataType.Int64 => Tensor.FromInt64s(name, Shape.Select(d => (long)d), Longs.AsSpan(0, Length)),
        _ => Tensor.FromBools(name, Shape.Select(d => (long)d), Bools.AsSpan(0, Length)),
    };

    /// <summary>The product of the dimensions (1 for a scalar).</summary>
    /// <exception cref="OverflowException">The count does not fit in an <see cref="int"/>.</exception>
    public static int ElementCount(int[] shape)
    {
        var n = 1;
        foreach (var d in shape)
        {
            n = checked(n * d);
        }
        return n;
    }

    /// <summary>Type and shape, such as <c>float[128×784]</c>.</summary>
    public override string ToString() => $"{DataTypes.Name(Type)}[{string.Join("×", Shape)}]";
}
