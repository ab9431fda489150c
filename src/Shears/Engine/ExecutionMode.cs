namespace Shears.Engine;

/// <summary>Inference uses running statistics and no dropout; training uses batch statistics and records gradients.</summary>
public enum ExecutionMode
{
    /// <summary>Forward only: batch normalization uses its running statistics and dropout passes values through.</summary>
    Inference,
    /// <summary>Forward and backward: batch normalization uses batch statistics, dropout drops, and gradients are kept.</summary>
    Training,
}
