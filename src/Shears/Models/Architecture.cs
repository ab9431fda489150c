namespace Shears.Models;

/// <summary>The networks <see cref="ModelZoo"/> can build.</summary>
public enum Architecture
{
    /// <summary>Multi-layer perceptron, 784-128-10 by default.</summary>
    Mlp,

    /// <summary>LeNet-style convolutional network: two conv/pool stages and two linear layers.</summary>
    Cnn,

    /// <summary>Small residual network: a stem and three stages of basic blocks with batch normalization.</summary>
    ResNet,

    /// <summary>Tiny vision Transformer: patch embedding and pre-norm encoder blocks.</summary>
    Vit,
}

/// <summary>Command-line names of <see cref="Architecture"/> values.</summary>
public static class Architectures
{
    /// <summary>Every architecture, in declaration order (the order help text lists them).</summary>
    public static IReadOnlyList<Architecture> All { get; } = Enum.GetValues<Architecture>();

    /// <summary>The lower-case name used on the command line and in metadata.</summary>
    public static string Name(Architecture architecture) => architecture switch
    {
        Architecture.Mlp => "mlp",
        Architecture.Cnn => "cnn",
        Architecture.ResNet => "resnet",
        Architecture.Vit => "vit",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "unknown architecture"),
    };

    /// <summary>Parses a command-line name (any letter case).</summary>
    public static Architecture Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var architecture in All)
        {
            if (string.Equals(Name(architecture), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return architecture;
            }
        }
        throw new ShearsException($"unknown architecture '{name}'; expected one of {string.Join(", ", All.Select(Name))}");
    }
}
