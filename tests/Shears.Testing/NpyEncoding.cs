using System.Buffers.Binary;
using System.Text;

namespace Shears.Testing;

/// <summary>Builds NumPy .npy bytes by hand (header dictionary padded to 64 bytes, then the data), for reader tests.</summary>
public static class NpyEncoding
{
    /// <param name="descr">NumPy type string, e.g. "&lt;f4", "|u1", "&gt;i8".</param>
    /// <param name="data">The element bytes as they should be stored.</param>
    /// <param name="version">Format version 1, 2 or 3 (2 and 3 have a 4-byte header length).</param>
    public static byte[] Encode(string descr, int[] shape, ReadOnlySpan<byte> data, int version = 1, bool fortranOrder = false)
    {
        var dims = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var dictionary = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {dims}, }}";
        var prefix = version == 1 ? 10 : 12;
        var padded = dictionary.PadRight(((prefix + dictionary.Length + 1 + 63) / 64 * 64) - prefix - 1) + "\n";
        var header = Encoding.UTF8.GetBytes(padded);
        var bytes = new byte[prefix + header.Length + data.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = (byte)version;
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)header.Length);
        }
        header.CopyTo(bytes, prefix);
        data.CopyTo(bytes.AsSpan(prefix + header.Length));
        return bytes;
    }

    /// <summary>Float32 values, little-endian.</summary>
    public static byte[] Floats(int[] shape, ReadOnlySpan<float> values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        }
        return Encode("<f4", shape, data);
    }

    /// <summary>Int64 labels, little-endian.</summary>
    public static byte[] Labels(ReadOnlySpan<int> labels)
    {
        var data = new byte[labels.Length * 8];
        for (var i = 0; i < labels.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), labels[i]);
        }
        return Encode("<i8", [labels.Length], data);
    }
}
