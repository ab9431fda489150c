namespace Shears.Cli;

/// <summary>A command line that cannot be acted on (bad option value, conflicting options); exit code 2.</summary>
internal sealed class UsageException : ShearsException
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override int ExitCode => 2;
}
