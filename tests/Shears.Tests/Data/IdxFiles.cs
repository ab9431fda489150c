using System.IO.Compression;
using Shears.Testing;

namespace Shears.Tests.Data;

/// <summary>Writes IDX files into a temporary folder that is deleted with the object.</summary>
internal sealed class IdxFiles : IDisposable
{
    public IdxFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "shears-idx-" + Guid.NewGuid().ToString("N"));

    public static byte[] Encode(byte typeCode, int[] dims, byte[] data) => IdxEncoding.Encode(typeCode, dims, data);

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
