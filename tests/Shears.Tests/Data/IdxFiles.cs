using System.Buffers.Binary;
using System.IO.Compression;

namespace Shears.Tests.Data;

/// <summary>Writes IDX files into a temporary folder that is deleted with the object.</summary>
internal sealed class IdxFiles : IDisposable
{
    public IdxFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "shears-idx-" + Guid.NewGuid().ToString("N"));

    /// <summary>An IDX file's bytes: two zero bytes, the type code, the rank, big-endian sizes, the data.</summary>
    public static byte[] Encode(byte typeCode, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }
        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        return memory.ToArray();
    }

    /// <summary>Unsigned-byte images [count, height, width] whose pixel values are (sample·7 + position) mod 256.</summary>
    public static byte[] Images(int count, int height, int width) =>
        Encode(0x08, [count, height, width], [.. Enumerable.Range(0, count * height * width).Select(i => (byte)(((i / (height * width) * 7) + (i % (height * width))) % 256))]);

    public static byte[] Labels(params byte[] labels) => Encode(0x08, [labels.Length], labels);

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
