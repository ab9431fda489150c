using Shears.Interop.Tests.Infrastructure;
using Shears.Onnx;

namespace Shears.Interop.Tests.UnknownFields;

/// <summary>The model made by Python/rich_model.py, and the same model after a Shears read and write.</summary>
public sealed class RichModelFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public RichModelFixture()
    {
        OriginalPath = _directory.File("rich.onnx");
        RunScript("make", OriginalPath);
        WrittenPath = _directory.File("rich_written.onnx");
        OnnxWriter.Write(OnnxReader.Read(OriginalPath), WrittenPath);
        Original = File.ReadAllBytes(OriginalPath);
        Written = File.ReadAllBytes(WrittenPath);
    }

    public string OriginalPath { get; }

    public string WrittenPath { get; }

    public byte[] Original { get; }

    public byte[] Written { get; }

    public static string RunScript(params string[] arguments) =>
        Python.Run(RepositoryRoot.Combine("tests", "Shears.Interop.Tests", "Python", "rich_model.py"), arguments, TimeSpan.FromMinutes(2));

    public void Dispose() => _directory.Dispose();
}
