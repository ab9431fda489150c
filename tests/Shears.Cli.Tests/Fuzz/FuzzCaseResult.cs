namespace Shears.Cli.Tests.Fuzz;

/// <summary>How one fuzz case ended: the exit code (-1 when it hung) and the broken promise, if any.</summary>
internal sealed record FuzzCaseResult(int ExitCode, string? Problem, bool Hung);
