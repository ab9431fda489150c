using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using Shears.Data;
using Shears.Testing;

namespace Shears.Tests.Data;

public sealed class NpyReaderTests
{
    private static readonly long[] Signed = [-100, -1, 0, 1, 2, 100];
    private static readonly long[] Unsigned = [0, 1, 2, 100, 200, 255];

    [Theory]
    [InlineData("|u1", 1, false, false)]
    [InlineData("|i1", 1, true, false)]
    [InlineData("<u2", 2, false, false)]
    [InlineData(">u2", 2, false, true)]
    [InlineData("<i2", 2, true, false)]
    [InlineData(">i2", 2, true, true)]
    [InlineData("<i4", 4, true, false)]
    [InlineData(">i4", 4, true, true)]
    [InlineData("<u4", 4, false, false)]
    [InlineData("<i8", 8, true, false)]
    [InlineData(">i8", 8, true, true)]
    [InlineData("<u8", 8, false, false)]
    public void Integers_of_every_width_and_byte_order_read_as_written(string descr, int width, bool signed, bool bigEndian)
    {
        var expected = signed ? Signed : Unsigned;
        var data = new byte[expected.Length * width];
        for (var i = 0; i < expected.Length; i++)
        {
            var span = data.AsSpan(i * width, width);
            var value = (ulong)expected[i];
            for (var b = 0; b < width; b++)
            {
                span[bigEndian ? width - 1 - b : b] = (byte)(value >> (8 * b));
            }
        }
        var array = NpyReader.Read(NpyEncoding.Encode(descr, [2, 3], data), "test.npy");

        Assert.Equal([2, 3], array.Shape.ToArray());
        Assert.Equal(expected.Select(v => (float)v), array.ToFloats());
        if (!signed)
        {
            Assert.Equal(expected.Select(v => (int)v), array.ToLabels("labels"));
        }
    }

    [Theory]
    [InlineData("<f2", false)]
    [InlineData(">f2", true)]
    [InlineData("<f4", false)]
    [InlineData(">f4", true)]
    [InlineData("<f8", false)]
    [InlineData(">f8", true)]
    public void Floats_of_every_width_and_byte_order_read_as_written(string descr, bool bigEndian)
    {
        float[] expected = [0.5f, -2.25f, 1024f, 0f];
        var width = descr[2] - '0';
        var data = new byte[expected.Length * width];
        for (var i = 0; i < expected.Length; i++)
        {
            var span = data.AsSpan(i * width, width);
            switch (width, bigEndian)
            {
                case (2, false): BinaryPrimitives.WriteHalfLittleEndian(span, (Half)expected[i]); break;
                case (2, true): BinaryPrimitives.WriteHalfBigEndian(span, (Half)expected[i]); break;
                case (4, false): BinaryPrimitives.WriteSingleLittleEndian(span, expected[i]); break;
                case (4, true): BinaryPrimitives.WriteSingleBigEndian(span, expected[i]); break;
                case (8, false): BinaryPrimitives.WriteDoubleLittleEndian(span, expected[i]); break;
                default: BinaryPrimitives.WriteDoubleBigEndian(span, expected[i]); break;
            }
        }
        Assert.Equal(expected, NpyReader.Read(NpyEncoding.Encode(descr, [4], data), "f.npy").ToFloats());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_format_version_reads_the_same_array(int version)
    {
        var array = NpyReader.Read(NpyEncoding.Encode("|b1", [4, 1], [1, 0, 0, 1], version), "v.npy");
        Assert.Equal([4, 1], array.Shape.ToArray());
        Assert.Equal([1, 0, 0, 1], array.ToLabels("labels"));
    }

    [Fact]
    public void Fortran_order_is_refused_with_the_way_out()
    {
        var error = Assert.Throws<ShearsException>(() => NpyReader.Read(NpyEncoding.Encode("<f4", [2, 2], new byte[16], fortranOrder: true), "f.npy"));
        Assert.Contains("Fortran order", error.Message, StringComparison.Ordinal);
        Assert.Contains("ascontiguousarray", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_files_are_named_with_the_problem()
    {
        var good = NpyEncoding.Encode("<f4", [3], new byte[12]);
        Assert.Contains("truncated", Assert.Throws<ShearsException>(() => NpyReader.Read(good[..^4], "t.npy")).Message, StringComparison.Ordinal);
        Assert.Contains("past the data", Assert.Throws<ShearsException>(() => NpyReader.Read([.. good, 0], "t.npy")).Message, StringComparison.Ordinal);
        Assert.Contains("not a NumPy .npy file", Assert.Throws<ShearsException>(() => NpyReader.Read("PK\u0003\u0004xxxxxxxx"u8, "t.npy")).Message, StringComparison.Ordinal);
        Assert.Contains("'<c8' is not supported", Assert.Throws<ShearsException>(() => NpyReader.Read(NpyEncoding.Encode("<c8", [1], new byte[8]), "t.npy")).Message, StringComparison.Ordinal);
        var header = Assert.Throws<ShearsException>(() => NpyReader.Read(NpyEncoding.Encode("<f4", [3], new byte[12]).Select(b => b == (byte)'(' ? (byte)'[' : b).ToArray(), "t.npy"));
        Assert.Contains("corrupt .npy header", header.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_labels_are_refused_and_say_how_to_convert_them()
    {
        var array = NpyReader.Read(NpyEncoding.Floats([2], [1f, 0f]), "y.npy");
        var error = Assert.Throws<ShearsException>(() => array.ToLabels("labels"));
        Assert.Contains("labels must be integers but are float32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npz_reads_stored_and_deflated_entries()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("data.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, level, bytes) in new[] { ("x", CompressionLevel.NoCompression, NpyEncoding.Floats([2, 2], [1, 2, 3, 4])), ("y", CompressionLevel.Optimal, NpyEncoding.Labels([1, 0])) })
            {
                using var stream = zip.CreateEntry(name + ".npy", level).Open();
                stream.Write(bytes);
            }
        }
        var arrays = NpzReader.Read(path);
        Assert.Equal([1f, 2, 3, 4], arrays["x"].ToFloats());
        Assert.Equal([1, 0], arrays["y"].ToLabels("labels"));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_a_clear_error()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Write("bad.npz", NpyEncoding.Labels([1]));
        Assert.Contains("not a readable .npz", Assert.Throws<ShearsException>(() => NpzReader.Read(path)).Message, StringComparison.Ordinal);
    }

    /// <summary>numpy itself writes every type, byte order and header version; the reader must see numpy's values.</summary>
    [NumpyFact]
    public void Arrays_numpy_writes_read_as_numpy_sees_them()
    {
        using var folder = new TemporaryDirectory();
        var script = folder.WriteText("write.py", """
            import json, sys, numpy as np
            out = sys.argv[1]
            base = np.array([[0, 1, 2, 3], [4, 5, 6, 7], [-1, -2, 100, -100]])
            expected = {}
            types = ['|u1', '|i1', '<i2', '>i2', '<i4', '>i4', '<i8', '>i8', '<u2', '<u4', '<u8', '<f2', '>f2', '<f4', '>f4', '<f8', '>f8', '|b1']
            for i, t in enumerate(types):
                a = base.astype(t) if t[1] in 'if' else (np.abs(base) % 2 == 1).astype(t) if t[1] == 'b' else np.abs(base).astype(t)
                if t[1] == 'f':
                    a = a * np.array(0.5, dtype=a.dtype)
                name = 'a%d' % i
                with open('%s/%s.npy' % (out, name), 'wb') as f:
                    np.lib.format.write_array(f, a, version=(1 + i % 3, 0))
                expected[name] = [float(v) for v in a.astype(np.float64).ravel()]
            np.savez('%s/plain.npz' % out, x=base.astype(np.float32), y=np.array([2, 0, 1]))
            np.savez_compressed('%s/packed.npz' % out, x=base.astype('>f8'), y=np.array([2, 0, 1], dtype=np.uint8))
            print(json.dumps(expected))
            """);
        var expected = JsonSerializer.Deserialize<Dictionary<string, double[]>>(Python.Run(script, [folder.Path], TimeSpan.FromMinutes(2)))!;

        Assert.Equal(18, expected.Count);
        foreach (var (name, values) in expected)
        {
            var array = NpyReader.Read(folder.File(name + ".npy"));
            Assert.Equal([3, 4], array.Shape.ToArray());
            Assert.Equal(values.Select(v => (float)v), array.ToFloats());
        }
        foreach (var archive in new[] { "plain.npz", "packed.npz" })
        {
            var arrays = NpzReader.Read(folder.File(archive));
            Assert.Equal(expected["a6"].Select(v => (float)v), arrays["x"].ToFloats());
            Assert.Equal([2, 0, 1], arrays["y"].ToLabels("labels"));
        }
    }
}
