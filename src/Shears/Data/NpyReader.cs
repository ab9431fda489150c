using System.Buffers.Binary;
using System.Text;

namespace Shears.Data;

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1, 2 and 3): the header dictionary's
/// <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, then the elements. Only C-order arrays are
/// accepted; a Fortran-order one is refused with a message saying how to convert it.
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the array in <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: no such file");
        }
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads an array from the whole content of a <c>.npy</c> file.</summary>
    /// <param name="bytes">The whole file content.</param>
    /// <param name="source">Where the bytes came from, for messages.</param>
    public static NpyArray Read(ReadOnlySpan<byte> bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new ShearsException($"{source}: not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        var major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw new ShearsException($"{source}: truncated .npy header");
            }
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            if (length > int.MaxValue - 12)
            {
                throw new ShearsException($"{source}: .npy header length {length} is impossible");
            }
            headerLength = (int)length;
            headerStart = 12;
        }
        else
        {
            throw new ShearsException($"{source}: .npy format version {major}.{bytes[7]} is not one of 1.0, 2.0, 3.0");
        }
        if (bytes.Length < headerStart + headerLength)
        {
            throw new ShearsException($"{source}: truncated: the .npy header declares {headerLength} bytes but the file ends after {bytes.Length - headerStart}");
        }
        // Version 3 allows UTF-8 in the header; 1 and 2 are Latin-1, which is UTF-8 for every field name that matters.
        var header = Encoding.UTF8.GetString(bytes.Slice(headerStart, headerLength));
        var fields = NpyHeader.Parse(header, source);
        var descr = fields.Descr;
        if (!NpyTypes.TryParse(descr, out var type, out var bigEndian))
        {
            throw new ShearsException($"{source}: NumPy type '{descr}' is not supported (supported: {NpyTypes.Supported})");
        }
        if (fields.FortranOrder)
        {
            throw new ShearsException($"{source}: the array is stored in Fortran order; save it in C order (np.save(path, np.ascontiguousarray(a)))");
        }
        long elements = 1;
        foreach (var dim in fields.Shape)
        {
            elements *= dim;
            if (elements * NpyTypes.SizeOf(type) > Array.MaxLength)
            {
                throw new ShearsException($"{source}: shape ({string.Join(", ", fields.Shape)}) needs more than {Array.MaxLength} bytes");
            }
        }
        var size = elements * NpyTypes.SizeOf(type);
        var data = bytes[(headerStart + headerLength)..];
        if (data.Length < size)
        {
            throw new ShearsException($"{source}: truncated: shape ({string.Join(", ", fields.Shape)}) of {NpyTypes.Describe(type)} needs {size} bytes of data but the file holds {data.Length}");
        }
        if (data.Length > size)
        {
            throw new ShearsException($"{source}: corrupt: the file continues {data.Length - size} byte(s) past the data its header declares");
        }
        return new NpyArray(source, type, bigEndian, [.. fields.Shape], data.ToArray());
    }
}
