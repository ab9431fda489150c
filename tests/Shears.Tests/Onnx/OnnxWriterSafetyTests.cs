using System.Security.Cryptography;
using Shears.IO;
using Shears.IR;
using Shears.Onnx;

namespace Shears.Tests.Onnx;

/// <summary>Writing replaces a file whole or not at all, and reading never changes the file read.</summary>
public sealed class OnnxWriterSafetyTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("shears-writer-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    private static Model Small()
    {
        var builder = new GraphBuilder("small");
        var y = builder.Add("Add", [builder.Input("x", 2), builder.Initializer("w", [2], [1f, 2f])]);
        builder.Output(y);
        return builder.ToModel();
    }

    private static Model Unwritable()
    {
        var model = Small();
        model.Graph.Nodes[0].Attributes.Add(new NodeAttribute { Name = "broken", Kind = AttributeKind.Graph });
        return model;
    }

    [Fact]
    public void Write_replaces_a_longer_existing_file_entirely()
    {
        var path = PathOf("model.onnx");
        File.WriteAllBytes(path, new byte[100_000]);
        OnnxWriter.Write(Small(), path);
        Assert.Equal(OnnxWriter.ToBytes(Small()), File.ReadAllBytes(path));
        Assert.Equal(["model.onnx"], _folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void Failed_write_keeps_the_old_file_and_leaves_nothing_behind()
    {
        var path = PathOf("model.onnx");
        OnnxWriter.Write(Small(), path);
        var before = File.ReadAllBytes(path);

        Assert.Throws<InvalidOperationException>(() => OnnxWriter.Write(Unwritable(), path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.onnx"], _folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void Failure_in_the_middle_of_writing_keeps_the_old_file_and_removes_the_partial_one()
    {
        var path = PathOf("report.json");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<ShearsException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[64 * 1024]);
            throw new IOException("disk full");
        }));

        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["report.json"], _folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void Writing_into_a_missing_folder_fails_without_creating_it()
    {
        var path = Path.Combine(_folder.FullName, "missing", "model.onnx");
        var error = Assert.Throws<ShearsException>(() => OnnxWriter.Write(Small(), path));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void Writing_over_a_folder_fails()
    {
        Directory.CreateDirectory(PathOf("taken"));
        var error = Assert.Throws<ShearsException>(() => OnnxWriter.Write(Small(), PathOf("taken")));
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(PathOf("taken")));
    }

    [Fact]
    public void Reading_and_writing_elsewhere_leave_the_input_untouched()
    {
        var input = PathOf("input.onnx");
        OnnxWriter.Write(Small(), input);
        var hash = SHA256.HashData(File.ReadAllBytes(input));
        var modified = File.GetLastWriteTimeUtc(input);

        var model = OnnxReader.Read(input);
        model.Graph.Nodes[0].OpType = "Sub";
        OnnxWriter.Write(model, PathOf("output.onnx"));

        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(input)));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(input));
        Assert.Equal("Sub", OnnxReader.Read(PathOf("output.onnx")).Graph.Nodes[0].OpType);
    }

    [Fact]
    public void Model_can_be_written_back_over_the_file_it_was_read_from()
    {
        var path = PathOf("model.onnx");
        OnnxWriter.Write(Small(), path);
        var model = OnnxReader.Read(path);
        model.ProducerName = "rewritten";
        OnnxWriter.Write(model, path);
        Assert.Equal("rewritten", OnnxReader.Read(path).ProducerName);
        Assert.Equal(["model.onnx"], _folder.GetFiles().Select(f => f.Name));
    }
}
