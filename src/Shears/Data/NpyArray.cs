using System.Buffers.Binary;
using System.Collections.Immutable;

namespace Shears.Data;

/// <summary>The contents of one NumPy <c>.npy</c> array: element type, byte order, shape (C order) and element bytes as stored.</summary>
public sealed class NpyArray
{
    internal NpyArray(string source, NpyDataType dataType, bool bigEndian, ImmutableArray<int> shape, byte[] data)
    {
        Source = source;
        DataType = dataType;
        BigEndian = bigEndian;
        Shape = shape;
        Data = data;
    }

    /// <summary>Where the array was read from, for messages.</summary>
    public string Source { get; }

    /// <summary>The element type the header's <c>descr</c> declares.</summary>
    public NpyDataType DataType { get; }

    /// <summary>True when multi-byte elements are stored most significant byte first (<c>&gt;</c> in the header).</summary>
    public bool BigEndian { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>Element bytes in file order.</summary>
    public byte[] Data { get; }

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>True for the integer and boolean types, which can hold class labels.</summary>
    public bool IsInteger => DataType is not (NpyDataType.Float16 or NpyDataType.Float32 or NpyDataType.Float64);

    /// <summary>Every element converted to float32, in C order.</summary>
    public float[] ToFloats()
    {
        var values = new float[ElementCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = DataType switch
            {
                NpyDataType.Float16 => (float)BitConverter.UInt16BitsToHalf(UInt16(i * 2)),
                NpyDataType.Float32 => BitConverter.Int32BitsToSingle((int)UInt32(i * 4)),
                NpyDataType.Float64 => (float)BitConverter.Int64BitsToDouble((long)UInt64(i * 8)),
                _ => Integer(i),
            };
        }
        return values;
    }

    /// <summary>The elements as class labels, after checking they are non-negative integers that fit an int.</summary>
    /// <param name="role">What the array is for ("labels"), for the message.</param>
    public int[] ToLabels(string role)
    {
        if (!IsInteger)
        {
            throw new ShearsException($"{Source}: {role} must be integers but are {NpyTypes.Describe(DataType)} (convert them with .astype('int64'))");
        }
        var labels = new int[ElementCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var value = Integer(i);
            if (value is < 0 or > int.MaxValue)
            {
                throw new ShearsException($"{Source}: {role} element {i} is {value}; class labels must be 0 or more");
            }
            labels[i] = (int)value;
        }
        return labels;
    }

    private long Integer(int index) => DataType switch
    {
        NpyDataType.Bool or NpyDataType.UInt8 => Data[index],
        NpyDataType.Int8 => (sbyte)Data[index],
        NpyDataType.UInt16 => UInt16(index * 2),
        NpyDataType.Int16 => (short)UInt16(index * 2),
        NpyDataType.UInt32 => UInt32(index * 4),
        NpyDataType.Int32 => (int)UInt32(index * 4),
        // A uint64 beyond long's range reads as negative and is refused as a label like any negative value.
        NpyDataType.UInt64 or NpyDataType.Int64 => (long)UInt64(index * 8),
        _ => throw new InvalidOperationException($"{DataType} is not an integer type"),
    };

    private ushort UInt16(int offset) => BigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(offset))
        : BinaryPrimitives.ReadUInt16LittleEndian(Data.AsSpan(offset));

    private uint UInt32(int offset) => BigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(offset))
        : BinaryPrimitives.ReadUInt32LittleEndian(Data.AsSpan(offset));

    private ulong UInt64(int offset) => BigEndian
        ? BinaryPrimitives.ReadUInt64BigEndian(Data.AsSpan(offset))
        : BinaryPrimitives.ReadUInt64LittleEndian(Data.AsSpan(offset));
}
