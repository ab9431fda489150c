namespace Shears.Hardware.Latency;

/// <summary>The layer families latency tables are kept for: the ones whose cost follows their channel counts.</summary>
public enum LayerKind
{
    /// <summary>A dense convolution (one group): every output channel reads every input channel.</summary>
    Convolution,

    /// <summary>One group per channel, as many outputs as inputs: the channel counts move together.</summary>
    DepthwiseConvolution,

    /// <summary>Several groups, each a dense convolution over its share of the channels.</summary>
    GroupedConvolution,

    /// <summary>A matrix product with a constant weight (Gemm, MatMul): features in, features out.</summary>
    Linear,
}
