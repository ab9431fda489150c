using System.ComponentModel;
using System.Diagnostics;

namespace Shears.Testing;

/// <summary>
/// Runs the system Python that has torch, torchvision and onnx (Debian's python3-torch,
/// python3-torchvision, python3-onnx). SHEARS_PYTHON overrides the interpreter.
/// </summary>
public static class Python
{
    public const string Packages = "python3-torch python3-torchvision python3-onnx";

    public static string Interpreter => Environment.GetEnvironmentVariable("SHEARS_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    /// <summary>Runs a script and returns its standard output; fails with the script's last error line.</summary>
    public static string Run(string script, IEnumerable<string> arguments, TimeSpan timeout) =>
        Run(Interpreter, script, arguments, timeout);

    /// <inheritdoc cref="Run(string, IEnumerable{string}, TimeSpan)"/>
    public static string Run(string interpreter, string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var list = arguments.ToList();
        var run = Execute(interpreter, script, list, timeout);
        return run.ExitCode == 0
            ? run.Output
            : throw new InvalidOperationException($"{System.IO.Path.GetFileName(script)} {string.Join(' ', list)} failed (exit {run.ExitCode}): {Explain(run.LastErrorLine)}");
    }

    /// <summary>Runs a script from the checkout's root and returns its exit code and output, whatever the exit code.</summary>
    /// <exception cref="InvalidOperationException">The interpreter (a path, or a name on PATH) does not exist or does not start.</exception>
    /// <exception cref="TimeoutException">The script ran longer than <paramref name="timeout"/> and was killed.</exception>
    public static PythonRun Execute(string interpreter, string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(interpreter);
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(arguments);
        var list = arguments.ToList();
        var start = new ProcessStartInfo(interpreter)
        {
            // Scripts may name files relative to the checkout.
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in list)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Start(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{System.IO.Path.GetFileName(script)} {string.Join(' ', list)} did not finish within {timeout.TotalMinutes:0} minutes");
        }
        return new PythonRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    // A path or a name looked up on PATH; either way a missing one is the same advice.
    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} not found ({e.Message}): Python 3 with torch, torchvision and onnx is needed (apt-get install {Packages}, or set SHEARS_PYTHON)", e);
        }
    }

    private static string Explain(string lastErrorLine) =>
        lastErrorLine.StartsWith("ModuleNotFoundError", StringComparison.Ordinal)
            ? $"{lastErrorLine}; install {Packages} (apt) or point SHEARS_PYTHON at a Python that has them"
            : lastErrorLine;
}
