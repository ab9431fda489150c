namespace Shears;

/// <summary>
/// A failure caused by the user's input (a model, a file, an option), with a message meant to be
/// shown as one line. The CLI prints the message and exits with <see cref="ExitCode"/>.
/// </summary>
public class ShearsException : Exception
{
    /// <summary>A failure with the default message.</summary>
    public ShearsException()
    {
    }

    /// <summary>A failure with a one-line message for the user.</summary>
    public ShearsException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a one-line message for the user, caused by <paramref name="innerException"/>.</summary>
    public ShearsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Process exit code for this failure: 1 for bad input, 2 for bad usage.</summary>
    public virtual int ExitCode => 1;
}
