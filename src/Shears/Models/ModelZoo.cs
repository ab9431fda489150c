using Shears.IR;

namespace Shears.Models;

/// <summary>Builds any of the <see cref="Architecture"/> networks by value, as the CLI selects them.</summary>
public static class ModelZoo
{
    /// <summary>
    /// Builds <paramref name="architecture"/> with weights drawn from <paramref name="seed"/>.
    /// <paramref name="options"/> must be the architecture's own options type (or null for defaults).
    /// </summary>
    public static Model Build(Architecture architecture, int seed = 0, ModelOptions? options = null) => (architecture, options) switch
    {
        (Architecture.Mlp, null or MlpOptions) => Mlp.Build(seed, (MlpOptions?)options),
        (Architecture.Cnn, null or CnnOptions) => LeNetCnn.Build(seed, (CnnOptions?)options),
        (Architecture.ResNet, null or ResNetOptions) => SmallResNet.Build(seed, (ResNetOptions?)options),
        (Architecture.Vit, null or VitOptions) => TinyVit.Build(seed, (VitOptions?)options),
        (_, not null) when Enum.IsDefined(architecture) =>
            throw new ShearsException($"{options.GetType().Name} do not configure the {Architectures.Name(architecture)} architecture"),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "unknown architecture"),
    };

    /// <summary>Default options of an architecture, to adjust with <c>with</c>.</summary>
    public static ModelOptions DefaultOptions(Architecture architecture) => architecture switch
    {
        Architecture.Mlp => new MlpOptions(),
        Architecture.Cnn => new CnnOptions(),
        Architecture.ResNet => new ResNetOptions(),
        Architecture.Vit => new VitOptions(),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "unknown architecture"),
    };
}
