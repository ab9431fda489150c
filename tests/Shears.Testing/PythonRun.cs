namespace Shears.Testing;

/// <summary>What a finished Python script returned and printed.</summary>
public sealed record PythonRun(int ExitCode, string Output, string Errors)
{
    /// <summary>The last line on standard error, where a Python traceback names its exception.</summary>
    public string LastErrorLine =>
        Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no error output)";
}
