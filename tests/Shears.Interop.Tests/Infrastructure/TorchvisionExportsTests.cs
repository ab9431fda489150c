using System.Runtime.Versioning;
using Shears.Onnx;

namespace Shears.Interop.Tests.Infrastructure;

/// <summary>The export cache itself: one export however many ask at once, and a clear failure without Python.</summary>
public sealed class TorchvisionExportsTests
{
    [Fact]
    public void Simultaneous_requests_export_once_and_all_get_a_complete_file()
    {
        using var cache = new TemporaryDirectory();
        var model = new ZooModel("mlp_784");

        var paths = new string[4];
        Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = paths.Length }, i =>
            paths[i] = TorchvisionExports.Get(model, cache.Path, Python.Interpreter));

        Assert.Single(paths.Distinct());
        Assert.Equal(Path.Combine(cache.Path, "mlp_784_op13.onnx"), paths[0]);
        // Only the model and the lock file: no second export's leftovers, no temporary files.
        Assert.Equal(["mlp_784_op13.onnx"], Directory.GetFiles(cache.Path).Select(Path.GetFileName).Where(n => n != ".export.lock"));
        Assert.Equal(2, OnnxReader.Read(paths[0]).Graph.Nodes.Count(n => n.OpType == "Gemm"));
    }

    [Fact]
    public void Missing_python_fails_with_what_to_install()
    {
        using var cache = new TemporaryDirectory();
        var error = Assert.Throws<InvalidOperationException>(() => TorchvisionExports.Get(new ZooModel("mlp_784"), cache.Path, "/nonexistent/python3"));
        Assert.Contains("/nonexistent/python3 not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("python3-torch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Python_without_torch_fails_with_what_to_install()
    {
        using var cache = new TemporaryDirectory();
        // A Python that runs but has no torch: the script's import fails.
        var fake = Path.Combine(cache.Path, "python3");
        File.WriteAllText(fake, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var error = Assert.Throws<InvalidOperationException>(() => TorchvisionExports.Get(new ZooModel("mlp_784"), cache.Path, fake));
        Assert.Contains("No module named 'torch'", error.Message, StringComparison.Ordinal);
        Assert.Contains("python3-torch", error.Message, StringComparison.Ordinal);
    }
}
