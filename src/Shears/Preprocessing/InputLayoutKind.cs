namespace Shears.Preprocessing;

/// <summary>How the axes of a model's input are ordered after the batch axis.</summary>
public enum InputLayoutKind
{
    /// <summary>Channels, height, width (N×C×H×W), as PyTorch models take images.</summary>
    ChannelsFirst,

    /// <summary>Height, width, channels (N×H×W×C), as TensorFlow models take images.</summary>
    ChannelsLast,

    /// <summary>One vector of features per sample (N×F).</summary>
    Features,
}
