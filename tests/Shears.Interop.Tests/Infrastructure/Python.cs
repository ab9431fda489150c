using System.Diagnostics;

namespace Shears.Interop.Tests.Infrastructure;

/// <summary>
/// Runs the system Python that has torch, torchvision and onnx (Debian's python3-torch,
/// python3-torchvision, python3-onnx). SHEARS_PYTHON overrides the interpreter.
/// </summary>
internal static class Python
{
    private const string Packages = "python3-torch python3-torchvision python3-onnx";

    public static string Interpreter => Environment.GetEnvironmentVariable("SHEARS_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    /// <summary>Runs a script and returns its standard output; fails with the script's last error line.</summary>
    public static string Run(string script, IEnumerable<string> arguments, TimeSpan timeout) =>
        Run(Interpreter, script, arguments, timeout);

    public static string Run(string interpreter, string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!File.Exists(interpreter))
        {
            throw new InvalidOperationException($"{interpreter} not found: the interop tests need Python 3 with torch, torchvision and onnx (apt-get install {Packages}, or set SHEARS_PYTHON)");
        }
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes:0} minutes");
        }
        var error = stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(script)} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {Explain(error)}");
        }
        return stdout.Result;
    }

    private static string Explain(string stderr)
    {
        var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no error output)";
        return last.StartsWith("ModuleNotFoundError", StringComparison.Ordinal)
            ? $"{last}; install {Packages} (apt) or point SHEARS_PYTHON at a Python that has them"
            : last;
    }
}
