namespace Shears.Models;

/// <summary>Sizes of <see cref="LeNetCnn"/>.</summary>
public sealed record CnnOptions : ModelOptions
{
    /// <summary>Output channels of the first convolution.</summary>
    public int Conv1Channels { get; init; } = 32;

    /// <summary>Output channels of the second convolution.</summary>
    public int Conv2Channels { get; init; } = 64;

    /// <summary>Side of both (square, unpadded) convolution kernels.</summary>
    public int KernelSize { get; init; } = 3;

    /// <summary>Width of the hidden linear layer between the convolutions and the logits.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <summary>Side of the feature map after each unpadded convolution and 2×2 pooling.</summary>
    internal int PooledSize(int side) => (side - KernelSize + 1) / 2;

    /// <summary>Features entering the first linear layer.</summary>
    public int FlattenedFeatures => Conv2Channels * PooledSize(PooledSize(InputShape.Height)) * PooledSize(PooledSize(InputShape.Width));

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Require(Conv1Channels > 0 && Conv2Channels > 0, $"channel counts must be positive, not {Conv1Channels} and {Conv2Channels}");
        Require(KernelSize > 0, $"kernel size must be positive, not {KernelSize}");
        Require(HiddenWidth > 0, $"hidden width must be positive, not {HiddenWidth}");
        // A positive size after the second stage implies the first stage left room for the second kernel.
        Require(PooledSize(PooledSize(InputShape.Height)) > 0 && PooledSize(PooledSize(InputShape.Width)) > 0,
            $"input {InputShape} is too small for two {KernelSize}×{KernelSize} convolutions each followed by 2×2 pooling");
    }
}
