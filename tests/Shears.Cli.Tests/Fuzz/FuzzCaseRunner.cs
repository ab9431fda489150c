namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// Runs one command on one broken model in process and checks the CLI's promise for bad input: exit 0, or exit 1
/// with exactly one stderr line starting "error:"; never an internal error, a hang, a stack trace, a file left
/// behind by a failed run, or a changed input.
/// </summary>
internal sealed class FuzzCaseRunner(string folder, string data, TimeSpan timeout)
{
    private readonly FuzzPaths _paths = new(
        Path.Combine(folder, "model.onnx"), Path.Combine(folder, "out.onnx"), Path.Combine(folder, "plan.json"), data);

    /// <summary>Runs the case; the result names what went wrong, or is null when the promise held.</summary>
    public FuzzCaseResult Run(FuzzMutation mutation, FuzzCommand command)
    {
        foreach (var entry in Directory.GetFileSystemEntries(folder))
        {
            File.Delete(entry);
        }
        File.WriteAllBytes(_paths.Model, mutation.Bytes);
        var args = command.Arguments(_paths);
        var run = Task.Run(() => CliRun.Of(args));
        if (!run.Wait(timeout))
        {
            return new FuzzCaseResult(-1, $"no answer within {timeout.TotalSeconds:0} s (hang?)", Hung: true);
        }
        var result = run.Result;
        var problem = Check(result, mutation.Bytes);
        return new FuzzCaseResult(result.ExitCode, problem, Hung: false);
    }

    private string? Check(CliRun result, byte[] input)
    {
        var errorLines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var left = Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Where(n => n != "model.onnx").Order(StringComparer.Ordinal).ToList();
        if (!File.ReadAllBytes(_paths.Model).AsSpan().SequenceEqual(input))
        {
            return "the input model was changed";
        }
        if (result.Error.Contains("   at ", StringComparison.Ordinal))
        {
            return $"stack trace on stderr: {First(errorLines)}";
        }
        switch (result.ExitCode)
        {
            case 0:
                if (errorLines.FirstOrDefault(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("internal error", StringComparison.Ordinal)) is { } line)
                {
                    return $"exit 0 but stderr says: {line}";
                }
                return left.Any(n => n is not ("out.onnx" or "plan.json")) ? $"stray files after success: {string.Join(", ", left)}" : null;
            case 1:
                if (errorLines.Length != 1 || !errorLines[0].StartsWith("error: ", StringComparison.Ordinal))
                {
                    return $"exit 1 with {errorLines.Length} stderr lines, first: {First(errorLines)}";
                }
                return left.Count > 0 ? $"files left after a failure: {string.Join(", ", left)} ({errorLines[0]})" : null;
            default:
                return $"exit {result.ExitCode}: {First(errorLines)}";
        }
    }

    private static string First(string[] lines) => lines.Length == 0 ? "(nothing)" : lines[0];
}
