namespace Shears.Models;

/// <summary>Sizes of <see cref="SmallResNet"/>.</summary>
public sealed record ResNetOptions : ModelOptions
{
    /// <summary>Channels of each stage; the stem has the first stage's width and every later stage starts with stride 2.</summary>
    public IReadOnlyList<int> StageChannels { get; init; } = [16, 32, 64];

    /// <summary>Basic blocks in each stage.</summary>
    public int BlocksPerStage { get; init; } = 1;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Require(StageChannels is { Count: > 0 }, "needs at least one stage");
        Require(StageChannels.All(c => c > 0), $"stage channels must be positive, not [{string.Join(", ", StageChannels)}]");
        Require(BlocksPerStage > 0, $"blocks per stage must be positive, not {BlocksPerStage}");
    }
}
