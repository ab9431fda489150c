using Shears.Models;
using Shears.Onnx;

namespace Shears.Cli.Tests;

/// <summary>A fresh folder deleted after the test.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "shears-cli-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a built-in model into the folder and returns its path.</summary>
    public string Model(Architecture architecture, string name)
    {
        var path = File(name);
        OnnxWriter.Write(ModelZoo.Build(architecture), path);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
