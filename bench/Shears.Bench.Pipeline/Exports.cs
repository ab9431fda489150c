using System.Diagnostics;

namespace Shears.Bench.Pipeline;

/// <summary>Finds (or exports, with tools/export_torchvision.py) torchvision models in the checkout's model cache.</summary>
internal static class Exports
{
    public static string Root { get; } = FindRoot();

    public static string Get(string name, int opset = 13)
    {
        var cache = Environment.GetEnvironmentVariable("SHEARS_MODEL_CACHE") ?? Path.Combine(Root, ".cache", "models");
        var path = Path.Combine(cache, $"{name}_op{opset}.onnx");
        if (File.Exists(path))
        {
            return path;
        }
        Directory.CreateDirectory(cache);
        var (exitCode, _, errors) = RunPython(["tools/export_torchvision.py", "--out", cache, "--opset", $"{opset}", name]);
        return exitCode == 0 && File.Exists(path) ? path : throw new InvalidOperationException($"export of {name} failed: {errors}");
    }

    /// <summary>Runs a script of the checkout with SHEARS_PYTHON (default /usr/bin/python3) and returns what it printed.</summary>
    public static (int ExitCode, string Output, string Errors) RunPython(IEnumerable<string> arguments)
    {
        var python = Environment.GetEnvironmentVariable("SHEARS_PYTHON") ?? "/usr/bin/python3";
        using var process = Process.Start(new ProcessStartInfo(python, arguments)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"cannot start {python}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shears.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
