namespace Shears.IR.Inference;

/// <summary>Thrown inside a shape rule when an input it needs is unknown; the node's outputs then stay unknown.</summary>
internal sealed class UnknownShapeSignal : Exception
{
    public UnknownShapeSignal()
    {
    }

    public UnknownShapeSignal(string message)
        : base(message)
    {
    }

    public UnknownShapeSignal(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
