using Shears.Interop.Tests.Infrastructure;
using Shears.Onnx;

namespace Shears.Interop.Tests.BadInput;

/// <summary>Files that are not a readable ONNX model must fail with one clear line naming the file and the problem.</summary>
public sealed class UnreadableModelTests : IDisposable
{
    private readonly TemporaryDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Missing_file() =>
        AssertUnreadable(_work.File("absent.onnx"), "file not found");

    [Fact]
    public void Directory_instead_of_a_file() =>
        AssertUnreadable(_work.Path, "is a directory");

    [Fact]
    public void Empty_file() =>
        AssertUnreadable(Write("empty.onnx", []), "empty");

    [Fact]
    public void Text_file() =>
        AssertUnreadable(Write("notes.onnx", "This is a text file, not a model.\nSecond line.\n"u8.ToArray()), "not");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);
        AssertUnreadable(Write($"random{seed}.onnx", bytes), "not");
    }

    [Fact]
    public void Truncated_at_every_top_level_field_boundary_and_inside_fields()
    {
        var complete = File.ReadAllBytes(TorchvisionExports.Get(new ZooModel("mlp_784")));
        var cuts = ProtoWire.FieldEnds(complete).Where(end => end < complete.Length)
            .Concat([1, 2, 10, 100, 1000, complete.Length / 2, complete.Length - 100, complete.Length - 1])
            .Distinct()
            .Order()
            .ToList();
        Assert.True(cuts.Count >= 10, $"expected several cut points, got {cuts.Count}");
        foreach (var cut in cuts)
        {
            var path = Write($"cut_at_{cut}.onnx", complete[..cut]);
            var error = AssertUnreadable(path, "");
            Assert.True(error.Message.Contains("truncated", StringComparison.Ordinal) || error.Message.Contains("not an ONNX model", StringComparison.Ordinal)
                || error.Message.Contains("operator set", StringComparison.Ordinal), $"cut at {cut}: {error.Message}");
        }
    }

    [Fact]
    public void External_data_file_missing()
    {
        var path = CopyExternalDataModel(out var dataPath);
        File.Delete(dataPath);
        AssertUnreadable(path, "external data file");
    }

    [Fact]
    public void External_data_file_shorter_than_the_model_says()
    {
        var path = CopyExternalDataModel(out var dataPath);
        using (var data = new FileStream(dataPath, FileMode.Open))
        {
            data.SetLength(data.Length / 2);
        }
        AssertUnreadable(path, "outside");
    }

    private string CopyExternalDataModel(out string dataPath)
    {
        var source = TorchvisionExports.Get(new ZooModel("resnet18", ExternalData: true));
        var path = _work.File(Path.GetFileName(source));
        File.Copy(source, path);
        // The model names its data file by this exact name, relative to the model.
        dataPath = path + ".data";
        File.Copy(source + ".data", dataPath);
        return path;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _work.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static InvalidModelException AssertUnreadable(string path, string problem)
    {
        var error = Assert.Throws<InvalidModelException>(() => OnnxReader.Read(path));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }
}
