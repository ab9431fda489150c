namespace Shears.Engine;

/// <summary>Inference uses running statistics and no dropout; training uses batch statistics and records gradients.</summary>
public enum ExecutionMode
{
    Inference,
    Training,
}
