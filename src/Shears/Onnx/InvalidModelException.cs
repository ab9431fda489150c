namespace Shears.Onnx;

/// <summary>A model file that cannot be read: missing, truncated, corrupt, or not ONNX.</summary>
public sealed class InvalidModelException : ShearsException
{
    public InvalidModelException()
    {
    }

    public InvalidModelException(string message)
        : base(message)
    {
    }

    public InvalidModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
