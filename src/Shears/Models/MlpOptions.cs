namespace Shears.Models;

/// <summary>Sizes of <see cref="Mlp"/>: flattened input, one hidden ReLU layer, logits.</summary>
public sealed record MlpOptions : ModelOptions
{
    /// <summary>Width of the hidden ReLU layer.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Require(HiddenWidth > 0, $"hidden width must be positive, not {HiddenWidth}");
    }
}
