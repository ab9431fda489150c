using Shears.Data;

namespace Shears.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reads_raw_three_dimensional_images()
    {
        var path = _files.Write("images-idx3-ubyte", IdxFiles.Images(3, 2, 4));
        var array = IdxReader.Read(path);
        Assert.Equal(IdxElementType.UnsignedByte, array.ElementType);
        Assert.Equal([3, 2, 4], array.Dimensions.ToArray());
        Assert.Equal(24, array.Data.Length);
        Assert.Equal(7 + 5, array.Data[8 + 5]);
    }

    [Fact]
    public void Recognises_gzip_by_content_not_by_name()
    {
        var path = _files.Write("labels-without-gz-suffix", IdxFiles.Gzip(IdxFiles.Labels(4, 0, 9)));
        var array = IdxReader.Read(path);
        Assert.Equal([3], array.Dimensions.ToArray());
        Assert.Equal([4, 0, 9], array.Data);
    }

    [Fact]
    public void Reads_other_element_types_with_their_width()
    {
        var path = _files.Write("floats", IdxFiles.Encode(0x0D, [2], new byte[8]));
        var array = IdxReader.Read(path);
        Assert.Equal(IdxElementType.Float32, array.ElementType);
        Assert.Equal(8, array.Data.Length);
    }

    [Fact]
    public void Reads_from_a_stream_that_cannot_seek()
    {
        using var stream = new ForwardOnlyStream(IdxFiles.Gzip(IdxFiles.Labels(1, 2)));
        Assert.Equal([1, 2], IdxReader.Read(stream, "pipe").Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_names_the_file_and_the_shortfall(bool gzip)
    {
        var whole = IdxFiles.Images(2, 3, 3);
        var cut = whole[..^5];
        var path = _files.Write("cut", gzip ? IdxFiles.Gzip(cut) : cut);
        var error = Assert.Throws<ShearsException>(() => IdxReader.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("need 18 bytes", error.Message);
        Assert.Contains("holds 13", error.Message);
    }

    [Fact]
    public void Truncated_header_is_reported()
    {
        var path = _files.Write("short-header", IdxFiles.Images(2, 3, 3)[..9]);
        var error = Assert.Throws<ShearsException>(() => IdxReader.Read(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains("3 dimensions", error.Message);
    }

    [Fact]
    public void Wrong_magic_is_not_an_idx_file()
    {
        var path = _files.Write("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var error = Assert.Throws<ShearsException>(() => IdxReader.Read(path));
        Assert.Equal($"{path}: not an IDX file: magic number 0x89504E47 does not start with two zero bytes", error.Message);
    }

    [Fact]
    public void Unknown_type_code_is_named()
    {
        var path = _files.Write("odd-type", IdxFiles.Encode(0x07, [1], [0]));
        var error = Assert.Throws<ShearsException>(() => IdxReader.Read(path));
        Assert.Contains("unknown IDX type code 0x07", error.Message);
    }

    [Fact]
    public void Zero_dimensions_is_rejected()
    {
        var path = _files.Write("rank0", [0, 0, 8, 0]);
        Assert.Contains("declares 0 dimensions", Assert.Throws<ShearsException>(() => IdxReader.Read(path)).Message);
    }

    [Fact]
    public void Bytes_after_the_declared_data_are_corruption()
    {
        var path = _files.Write("long", [.. IdxFiles.Labels(1, 2), 99]);
        Assert.Contains("continues past the 2 bytes", Assert.Throws<ShearsException>(() => IdxReader.Read(path)).Message);
    }

    [Fact]
    public void Corrupt_gzip_is_reported_as_such()
    {
        var gz = IdxFiles.Gzip(IdxFiles.Images(4, 8, 8));
        for (var i = 10; i < gz.Length - 8; i++)
        {
            gz[i] ^= 0x5A;
        }
        var path = _files.Write("broken.gz", gz);
        var error = Assert.Throws<ShearsException>(() => IdxReader.Read(path));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var path = Path.Combine(_files.Folder, "absent");
        Assert.Equal($"{path}: file not found", Assert.Throws<ShearsException>(() => IdxReader.Read(path)).Message);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
