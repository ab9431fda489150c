namespace Shears.Models;

/// <summary>Sizes of <see cref="TinyVit"/>.</summary>
public sealed record VitOptions : ModelOptions
{
    /// <summary>Side of the square patches; must divide the image height and width.</summary>
    public int PatchSize { get; init; } = 4;

    /// <summary>Width of each token's embedding; must split evenly into <see cref="HeadCount"/> heads.</summary>
    public int EmbeddingDim { get; init; } = 64;

    /// <summary>Encoder blocks.</summary>
    public int Depth { get; init; } = 2;

    /// <summary>Attention heads; must divide <see cref="EmbeddingDim"/>.</summary>
    public int HeadCount { get; init; } = 4;

    /// <summary>Hidden width of each block's MLP.</summary>
    public int MlpWidth { get; init; } = 128;

    /// <summary>Tokens: one per patch.</summary>
    public int TokenCount => InputShape.Height / PatchSize * (InputShape.Width / PatchSize);

    /// <summary>Width of one attention head: <see cref="EmbeddingDim"/> divided by <see cref="HeadCount"/>.</summary>
    public int HeadDim => EmbeddingDim / HeadCount;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Require(PatchSize > 0, $"patch size must be positive, not {PatchSize}");
        Require(InputShape.Height % PatchSize == 0 && InputShape.Width % PatchSize == 0,
            $"patch size {PatchSize} does not divide the {InputShape.Height}×{InputShape.Width} image");
        Require(EmbeddingDim > 0 && Depth > 0 && MlpWidth > 0,
            $"embedding dim, depth and MLP width must be positive, not {EmbeddingDim}, {Depth} and {MlpWidth}");
        Require(HeadCount > 0 && EmbeddingDim % HeadCount == 0,
            $"embedding dim {EmbeddingDim} does not split into {HeadCount} heads");
    }
}
