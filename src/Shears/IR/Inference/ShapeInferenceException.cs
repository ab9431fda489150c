namespace Shears.IR.Inference;

/// <summary>A model whose shapes contradict an operator's rules (wrong ranks, mismatched channels, bad attributes).</summary>
public sealed class ShapeInferenceException : ShearsException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ShapeInferenceException()
    {
    }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    /// <param name="message">One line naming the problem.</param>
    public ShapeInferenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">One line naming the problem.</param>
    /// <param name="innerException">The underlying error.</param>
    public ShapeInferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
