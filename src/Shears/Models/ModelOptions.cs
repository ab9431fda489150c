using Shears.Data;

namespace Shears.Models;

/// <summary>Settings every builder shares: the input image shape and the number of classes.</summary>
public abstract record ModelOptions
{
    /// <summary>The input image's channels, height and width; Fashion-MNIST's 1×28×28 by default.</summary>
    public ImageShape InputShape { get; init; } = ImageShape.Mnist;

    /// <summary>The number of classes, and so of logits.</summary>
    public int ClassCount { get; init; } = 10;

    /// <summary>Throws a <see cref="ShearsException"/> naming the first setting that cannot build a network.</summary>
    public virtual void Validate()
    {
        InputShape.Validate();
        Require(ClassCount > 0, $"class count must be positive, not {ClassCount}");
    }

    /// <summary>Throws with <paramref name="problem"/> when <paramref name="condition"/> is false.</summary>
    protected void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ShearsException($"{GetType().Name}: {problem}");
        }
    }
}
