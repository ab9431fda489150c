namespace Shears.Hardware.Latency;

/// <summary>Which channel count of a layer a latency curve varies.</summary>
public enum ChannelAxis
{
    /// <summary>Output channels (filters, output features), at the full input count.</summary>
    Output,

    /// <summary>Input channels (input features), at the full output count.</summary>
    Input,

    /// <summary>Both together, for depthwise layers whose two counts are one.</summary>
    Coupled,
}
