using System.Diagnostics;

namespace Shears.Testing;

/// <summary>
/// torchvision (and small custom) models exported to ONNX on first request by
/// tools/export_torchvision.py, cached in SHEARS_MODEL_CACHE (default: .cache/models in the
/// checkout). Exports are serialized by a lock file, so test classes and test processes running
/// at once never export the same model twice or read a half-written one.
/// </summary>
public static class TorchvisionExports
{
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromMinutes(15);

    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("SHEARS_MODEL_CACHE") is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : RepositoryRoot.Combine(".cache", "models");

    /// <summary>The path of the exported model at an opset, with a fixed batch and inline weights.</summary>
    public static string Get(string name, int opset = 13) => Get(new ZooModel(name, opset));

    /// <summary>The path of the exported model, exporting it first when it is not cached.</summary>
    /// <exception cref="InvalidOperationException">Python, torch or torchvision is missing, or the export failed.</exception>
    /// <exception cref="TimeoutException">The export took too long.</exception>
    public static string Get(ZooModel model) => Get(model, CacheDirectory, Python.Interpreter);

    /// <summary>As <see cref="Get(ZooModel)"/>, with an explicit cache folder and Python interpreter.</summary>
    public static string Get(ZooModel model, string cacheDirectory, string interpreter)
    {
        ArgumentNullException.ThrowIfNull(model);
        var path = Path.Combine(cacheDirectory, model.FileName);
        if (File.Exists(path))
        {
            return path;
        }
        using (AcquireExportLock(cacheDirectory))
        {
            // Another process may have exported it while this one waited for the lock.
            if (!File.Exists(path))
            {
                Python.Run(interpreter, RepositoryRoot.Combine("tools", "export_torchvision.py"), model.ExportArguments(cacheDirectory), ExportTimeout);
            }
        }
        return File.Exists(path) ? path : throw new InvalidOperationException($"the exporter finished but {path} does not exist");
    }

    // FileShare.None takes an exclusive flock on Linux, which other processes (and other handles
    // in this process) respect.
    private static FileStream AcquireExportLock(string cacheDirectory)
    {
        Directory.CreateDirectory(cacheDirectory);
        var lockPath = Path.Combine(cacheDirectory, ".export.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < ExportTimeout)
            {
                Thread.Sleep(200);
            }
        }
    }
}
