namespace Shears.Models;

/// <summary>Sizes of <see cref="Mlp"/>: flattened input, one hidden ReLU layer, logits.</summary>
public sealed record MlpOptions : ModelOptions
{
    public int HiddenWidth { get; init; } = 128;

    public override void Validate()
    {
        base.Validate();
        Require(HiddenWidth > 0, $"hidden width must be positive, not {HiddenWidth}");
    }
}
