using System.Diagnostics;

namespace Shears.Tests.Engine.Ops;

/// <summary>
/// Torchvision (and custom) models exported to ONNX by tools/export_torchvision.py, cached in
/// SHEARS_MODEL_CACHE or else .cache/models in the checkout; a missing one is exported on first use.
/// </summary>
internal static class TorchvisionExports
{
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromMinutes(15);

    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("SHEARS_MODEL_CACHE") is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : Path.Combine(RepositoryRoot, ".cache", "models");

    private static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Shears.slnx")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("cannot find the checkout (Shears.slnx) above the test binaries");
        }
    }

    /// <summary>The exported file, exporting it first when missing; throws <see cref="SkipTestException"/> when it cannot be exported here.</summary>
    public static string Get(string name, int opset)
    {
        var path = Path.Combine(CacheDirectory, $"{name}_op{opset}.onnx");
        if (File.Exists(path))
        {
            return path;
        }
        Directory.CreateDirectory(CacheDirectory);
        // An exclusive lock file keeps concurrent test processes from exporting the same model twice.
        using (Lock())
        {
            if (!File.Exists(path))
            {
                Export(name, opset);
            }
        }
        return File.Exists(path) ? path : throw new SkipTestException($"the exporter did not produce {path}");
    }

    private static void Export(string name, int opset)
    {
        var script = Path.Combine(RepositoryRoot, "tools", "export_torchvision.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { script, "--out", CacheDirectory, "--opset", opset.ToString(System.Globalization.CultureInfo.InvariantCulture), name })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SkipTestException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SkipTestException($"cannot export {name}: /usr/bin/python3 is not available ({e.Message})");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(ExportTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new SkipTestException($"exporting {name} took longer than {ExportTimeout}");
            }
            if (process.ExitCode != 0)
            {
                throw new SkipTestException($"cannot export {name} (python3 with torch and torchvision is needed): {error.Result.Trim().Split('\n').LastOrDefault()}");
            }
        }
    }

    private static FileStream Lock()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(CacheDirectory, ".export.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < ExportTimeout)
            {
                Thread.Sleep(200);
            }
        }
    }
}
