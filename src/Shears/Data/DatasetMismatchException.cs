namespace Shears.Data;

/// <summary>Data that does not fit a model: sample shape or label range. The message names both sides in one line.</summary>
public sealed class DatasetMismatchException : ShearsException
{
    /// <summary>Creates the exception with a default message.</summary>
    public DatasetMismatchException()
    {
    }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    /// <param name="message">One line naming both sides of the mismatch.</param>
    public DatasetMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">One line naming both sides of the mismatch.</param>
    /// <param name="innerException">The underlying error.</param>
    public DatasetMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
