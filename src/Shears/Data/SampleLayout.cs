namespace Shears.Data;

/// <summary>Where the channel axis of an image sample goes.</summary>
public enum SampleLayout
{
    /// <summary>As the model's input shape says (channels first when it cannot tell).</summary>
    Auto,

    /// <summary>C×H×W (NCHW with the batch axis).</summary>
    ChannelsFirst,

    /// <summary>H×W×C (NHWC with the batch axis).</summary>
    ChannelsLast,
}
