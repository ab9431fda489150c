namespace Shears.Data;

/// <summary>Data that does not fit a model: sample shape or label range. The message names both sides in one line.</summary>
public sealed class DatasetMismatchException : ShearsException
{
    public DatasetMismatchException()
    {
    }

    public DatasetMismatchException(string message)
        : base(message)
    {
    }

    public DatasetMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
