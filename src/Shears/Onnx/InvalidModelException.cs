namespace Shears.Onnx;

/// <summary>A model file that cannot be read: missing, truncated, corrupt, or not ONNX.</summary>
public sealed class InvalidModelException : ShearsException
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidModelException()
    {
    }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    /// <param name="message">One line naming the problem.</param>
    public InvalidModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">One line naming the problem.</param>
    /// <param name="innerException">The underlying error.</param>
    public InvalidModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
