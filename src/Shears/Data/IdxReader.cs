using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Compression;

namespace Shears.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: a magic number (two zero bytes, a type
/// code, the number of dimensions), one big-endian 32-bit size per dimension, then the elements.
/// Gzip-compressed files are recognised by their content, whatever their name.
/// </summary>
public static class IdxReader
{
    /// <summary>More dimensions than any sensible IDX file has; a larger count means a corrupt header.</summary>
    public const int MaxRank = 8;

    private const byte GzipMagic0 = 0x1F;
    private const byte GzipMagic1 = 0x8B;

    /// <summary>Reads the IDX file at <paramref name="path"/>, plain or gzip-compressed.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ShearsException">The file is missing, unreadable, truncated or not IDX.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: file not found");
        }
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return Read(file, path);
        }
        catch (IOException e)
        {
            throw new ShearsException($"{path}: cannot read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ShearsException($"{path}: cannot read ({e.Message})", e);
        }
    }

    /// <summary>Reads an IDX array from a stream, decompressing it when it starts with the gzip magic.</summary>
    /// <param name="stream">The stream, read from its current position; not disposed. A stream that cannot seek is copied into memory first.</param>
    /// <param name="source">Name used in messages (usually the file's path).</param>
    public static IdxArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        if (!stream.CanSeek)
        {
            // The gzip check peeks at two bytes and rewinds, which needs a seekable stream.
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        var start = stream.Position;
        var first = new byte[2];
        var isGzip = ReadUpTo(stream, first, source) == 2 && first[0] == GzipMagic0 && first[1] == GzipMagic1;
        stream.Position = start;
        if (!isGzip)
        {
            return ReadIdx(stream, source, compressed: false);
        }
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        return ReadIdx(gzip, source, compressed: true);
    }

    internal static long Product(ImmutableArray<int> dimensions)
    {
        long count = 1;
        foreach (var d in dimensions)
        {
            count *= d;
        }
        return count;
    }

    private static IdxArray ReadIdx(Stream stream, string source, bool compressed)
    {
        var content = compressed ? "decompressed data" : "file";
        var magic = new byte[4];
        var got = ReadUpTo(stream, magic, source);
        if (got < 4)
        {
            throw new ShearsException($"{source}: truncated: the {content} has {got} byte(s), fewer than the 4-byte IDX magic number");
        }
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new ShearsException($"{source}: not an IDX file: magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} does not start with two zero bytes");
        }
        var type = (IdxElementType)magic[2];
        var elementSize = IdxElementTypes.SizeOf(type);
        if (elementSize == 0)
        {
            throw new ShearsException($"{source}: unknown IDX type code 0x{magic[2]:X2} (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)");
        }
        int rank = magic[3];
        if (rank is 0 or > MaxRank)
        {
            throw new ShearsException($"{source}: IDX header declares {rank} dimensions (expected 1 to {MaxRank})");
        }

        var header = new byte[4 * rank];
        got = ReadUpTo(stream, header, source);
        if (got < header.Length)
        {
            throw new ShearsException($"{source}: truncated: the header declares {rank} dimensions but the {content} ends {header.Length - got} byte(s) short of their sizes");
        }
        var dims = new int[rank];
        long elements = 1;
        for (var i = 0; i < rank; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * i));
            if (size > int.MaxValue)
            {
                throw new ShearsException($"{source}: dimension {i} has size {size}, more than an IDX array can sensibly hold");
            }
            dims[i] = (int)size;
            elements *= size;
            if (elements * elementSize > Array.MaxLength)
            {
                throw new ShearsException($"{source}: dimensions [{string.Join("×", dims.Take(i + 1))}…] need more than {Array.MaxLength} bytes of data");
            }
        }

        var data = new byte[elements * elementSize];
        got = ReadUpTo(stream, data, source);
        if (got < data.Length)
        {
            throw new ShearsException($"{source}: truncated: dimensions [{string.Join("×", dims)}] need {data.Length} bytes of {IdxElementTypes.Name(type)} data but the {content} holds {got}");
        }
        if (ReadUpTo(stream, new byte[1], source) != 0)
        {
            throw new ShearsException($"{source}: corrupt: the {content} continues past the {data.Length} bytes of data its header declares");
        }
        return new IdxArray(source, type, [.. dims], data);
    }

    /// <summary>Fills as much of the buffer as the stream holds and returns how much that was.</summary>
    private static int ReadUpTo(Stream stream, byte[] buffer, string source)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new ShearsException($"{source}: corrupt gzip data ({e.Message})", e);
        }
    }
}
