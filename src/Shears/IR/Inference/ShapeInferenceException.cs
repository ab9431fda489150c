namespace Shears.IR.Inference;

/// <summary>A model whose shapes contradict an operator's rules (wrong ranks, mismatched channels, bad attributes).</summary>
public sealed class ShapeInferenceException : ShearsException
{
    public ShapeInferenceException()
    {
    }

    public ShapeInferenceException(string message)
        : base(message)
    {
    }

    public ShapeInferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
