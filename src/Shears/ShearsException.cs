namespace Shears;

/// <summary>
/// A failure caused by the user's input (a model, a file, an option), with a message meant to be
/// shown as one line. The CLI prints the message and exits with <see cref="ExitCode"/>.
/// </summary>
public class ShearsException : Exception
{
    public ShearsException()
    {
    }

    public ShearsException(string message)
        : base(message)
    {
    }

    public ShearsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Process exit code for this failure: 1 for bad input, 2 for bad usage.</summary>
    public virtual int ExitCode => 1;
}
