using System.Buffers.Binary;

namespace Shears.Testing;

/// <summary>Writes the IDX format of MNIST and Fashion-MNIST, for test data and subsets of the real sets.</summary>
public static class IdxEncoding
{
    /// <summary>Type code of unsigned bytes, what images and labels use.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>An IDX file's bytes: two zero bytes, the type code, the rank, big-endian sizes, the data.</summary>
    public static byte[] Encode(byte typeCode, IReadOnlyList<int> dims, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var header = 4 + (4 * dims.Count);
        var bytes = new byte[header + data.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)dims.Count;
        for (var i = 0; i < dims.Count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }
        data.CopyTo(bytes.AsSpan(header));
        return bytes;
    }
}
