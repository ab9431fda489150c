using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Shears.IR;

/// <summary>
/// An immutable tensor value: element type, dimensions and little-endian element bytes (as ONNX
/// stores raw data). Every element type is kept byte-exact; float32, int64 and the other common
/// numeric types also have typed views.
/// </summary>
public sealed class Tensor
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly ImmutableArray<byte[]> _strings;

    private Tensor(string name, DataType type, ImmutableArray<long> dims, ReadOnlyMemory<byte> bytes, ImmutableArray<byte[]> strings)
    {
        Name = name;
        ElementType = type;
        Dims = dims;
        _bytes = bytes;
        _strings = strings.IsDefault ? [] : strings;
    }

    /// <summary>The tensor's name; for an initializer, the value name nodes read it by.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public DataType ElementType { get; }

    /// <summary>The dimensions, outermost first; always known sizes.</summary>
    public ImmutableArray<long> Dims { get; }

    /// <summary><see cref="Dims"/> as a <see cref="IR.Shape"/>.</summary>
    public Shape Shape => Shape.Of(Dims);

    /// <summary>The number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>The number of elements: the product of <see cref="Dims"/> (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Dims)
            {
                n *= d;
            }
            return n;
        }
    }

    /// <summary>Size of the element data in bytes (for strings, the sum of their lengths).</summary>
    public long ByteCount => ElementType == DataType.String ? _strings.Sum(s => (long)s.Length) : _bytes.Length;

    /// <summary>Element bytes, little-endian; empty for string tensors.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The elements of a string tensor as raw bytes; empty for other types.</summary>
    public ImmutableArray<byte[]> Strings => _strings;

    /// <summary>Serialized ONNX fields this class does not model (doc string and the like).</summary>
    public byte[]? Extras { get; init; }

    /// <summary>Wraps element bytes without copying; the caller must not change them afterwards.</summary>
    public static Tensor FromBytes(string name, DataType type, IEnumerable<long> dims, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (type == DataType.String)
        {
            throw new ArgumentException("string tensors are built with FromStrings", nameof(type));
        }
        var d = dims.ToImmutableArray();
        var expected = DataTypes.ByteCount(type, Product(d));
        if (DataTypes.SizeOf(type) != 0 || type is DataType.Int4 or DataType.UInt4 or DataType.Float4E2M1)
        {
            if (bytes.Length != expected)
            {
                throw new InvalidDataException($"tensor '{name}' holds {bytes.Length} bytes but its type {DataTypes.Name(type)} and dims [{string.Join(",", d)}] need {expected}");
            }
        }
        return new Tensor(name, type, d, bytes, default);
    }

    /// <summary>A string tensor with one byte string per element.</summary>
    /// <exception cref="InvalidDataException">The number of strings does not match <paramref name="dims"/>.</exception>
    public static Tensor FromStrings(string name, IEnumerable<long> dims, IEnumerable<byte[]> strings)
    {
        var d = dims.ToImmutableArray();
        var s = strings.ToImmutableArray();
        if (s.Length != Product(d))
        {
            throw new InvalidDataException($"string tensor '{name}' has {s.Length} elements but dims [{string.Join(",", d)}]");
        }
        return new Tensor(name, DataType.String, d, default, s);
    }

    /// <summary>A float32 tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="InvalidDataException">The number of values does not match <paramref name="dims"/>.</exception>
    public static Tensor FromFloats(string name, IEnumerable<long> dims, ReadOnlySpan<float> values) =>
        FromBytes(name, DataType.Float, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>An int64 tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="InvalidDataException">The number of values does not match <paramref name="dims"/>.</exception>
    public static Tensor FromInt64s(string name, IEnumerable<long> dims, ReadOnlySpan<long> values) =>
        FromBytes(name, DataType.Int64, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>An int32 tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="InvalidDataException">The number of values does not match <paramref name="dims"/>.</exception>
    public static Tensor FromInt32s(string name, IEnumerable<long> dims, ReadOnlySpan<int> values) =>
        FromBytes(name, DataType.Int32, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A float64 tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="InvalidDataException">The number of values does not match <paramref name="dims"/>.</exception>
    public static Tensor FromDoubles(string name, IEnumerable<long> dims, ReadOnlySpan<double> values) =>
        FromBytes(name, DataType.Double, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A bool tensor (one byte per element, 0 or 1) holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="InvalidDataException">The number of values does not match <paramref name="dims"/>.</exception>
    public static Tensor FromBools(string name, IEnumerable<long> dims, ReadOnlySpan<bool> values)
    {
        var bytes = new byte[values.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = values[i] ? (byte)1 : (byte)0;
        }
        return FromBytes(name, DataType.Bool, dims, bytes);
    }

    /// <summary>A 1-D int64 tensor, the form ONNX uses for shapes, axes and indices.</summary>
    public static Tensor Vector(string name, params long[] values) => FromInt64s(name, [values.Length], values);

    /// <summary>The same data under another name.</summary>
    public Tensor Renamed(string name) => new(name, ElementType, Dims, _bytes, _strings) { Extras = Extras };

    /// <summary>The same tensor carrying other unmodelled ONNX fields.</summary>
    public Tensor WithExtras(byte[]? extras) => new(Name, ElementType, Dims, _bytes, _strings) { Extras = extras };

    /// <summary>The same elements with other dimensions (same element count).</summary>
    public Tensor Reshaped(IEnumerable<long> dims)
    {
        var d = dims.ToImmutableArray();
        if (Product(d) != ElementCount)
        {
            throw new ArgumentException($"cannot view {ElementCount} elements as [{string.Join(",", d)}]", nameof(dims));
        }
        return new Tensor(Name, ElementType, d, _bytes, _strings) { Extras = Extras };
    }

    /// <summary>Float32 elements without copying (little-endian hosts).</summary>
    public ReadOnlySpan<float> AsFloats() => ElementType == DataType.Float
        ? MemoryMarshal.Cast<byte, float>(_bytes.Span)
        : throw new InvalidOperationException($"tensor '{Name}' is {DataTypes.Name(ElementType)}, not float");

    /// <summary>A copy of the elements as float32, converting from any numeric type.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds strings or another type with no numeric view.</exception>
    public float[] ToFloats() => ElementType switch
    {
        DataType.Float => AsFloats().ToArray(),
        _ => [.. ToDoubles().Select(v => (float)v)],
    };

    /// <summary>Elements as int64, converting from any integer or bool type (and truncating floats).</summary>
    public long[] ToInt64s()
    {
        var span = _bytes.Span;
        var n = checked((int)ElementCount);
        var result = new long[n];
        switch (ElementType)
        {
            case DataType.Int64:
                MemoryMarshal.Cast<byte, long>(span).CopyTo(result);
                break;
            case DataType.Int32:
                for (var i = 0; i < n; i++) { result[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(4 * i)..]); }
                break;
            case DataType.Int16:
                for (var i = 0; i < n; i++) { result[i] = BinaryPrimitives.ReadInt16LittleEndian(span[(2 * i)..]); }
                break;
            case DataType.UInt16:
                for (var i = 0; i < n; i++) { result[i] = BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * i)..]); }
                break;
            case DataType.UInt32:
                for (var i = 0; i < n; i++) { result[i] = BinaryPrimitives.ReadUInt32LittleEndian(span[(4 * i)..]); }
                break;
            case DataType.UInt64:
                for (var i = 0; i < n; i++) { result[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[(8 * i)..]); }
                break;
            case DataType.Int8:
                for (var i = 0; i < n; i++) { result[i] = (sbyte)span[i]; }
                break;
            case DataType.UInt8:
            case DataType.Bool:
                for (var i = 0; i < n; i++) { result[i] = span[i]; }
                break;
            default:
                var doubles = ToDoubles();
                for (var i = 0; i < n; i++) { result[i] = (long)doubles[i]; }
                break;
        }
        return result;
    }

    /// <summary>Elements as double, converting from any numeric type.</summary>
    public double[] ToDoubles()
    {
        var span = _bytes.Span;
        var n = checked((int)ElementCount);
        var result = new double[n];
        switch (ElementType)
        {
            case DataType.Float:
                var floats = MemoryMarshal.Cast<byte, float>(span);
                for (var i = 0; i < n; i++) { result[i] = floats[i]; }
                break;
            case DataType.Double:
                MemoryMarshal.Cast<byte, double>(span).CopyTo(result);
                break;
            case DataType.Float16:
                for (var i = 0; i < n; i++) { result[i] = (double)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * i)..])); }
                break;
            case DataType.BFloat16:
                for (var i = 0; i < n; i++) { result[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * i)..]) << 16); }
                break;
            case DataType.UInt64:
                for (var i = 0; i < n; i++) { result[i] = BinaryPrimitives.ReadUInt64LittleEndian(span[(8 * i)..]); }
                break;
            default:
                if (!DataTypes.IsInteger(ElementType) && ElementType != DataType.Bool)
                {
                    throw new InvalidOperationException($"tensor '{Name}' of type {DataTypes.Name(ElementType)} has no numeric view");
                }
                var longs = ToInt64s();
                for (var i = 0; i < n; i++) { result[i] = longs[i]; }
                break;
        }
        return result;
    }

    /// <summary>Name, type and dimensions, such as <c>conv1.weight: float[64×3×7×7]</c>.</summary>
    public override string ToString() => $"{Name}: {DataTypes.Name(ElementType)}[{string.Join("×", Dims)}]";

    private static long Product(ImmutableArray<long> dims)
    {
        long n = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new InvalidDataException($"negative dimension {d}");
            }
            n *= d;
        }
        return n;
    }
}
