namespace Shears.Hardware.Latency;

/// <summary>
/// The few numbers a roofline needs beyond a hardware profile: the share of peak compute each
/// layer family reaches, how much faster data moves when it fits in cache, and fixed costs.
/// Defaults suit dense CPU runtimes; <see cref="CalibratedLatencyModel"/> fits them on the host.
/// </summary>
public sealed record AnalyticConstants
{
    /// <summary>Share of peak multiply-add throughput a dense convolution reaches.</summary>
    public double ConvolutionEfficiency { get; init; } = 0.7;

    /// <summary>Depthwise convolutions do little work per byte and reach far less of peak.</summary>
    public double DepthwiseEfficiency { get; init; } = 0.1;

    /// <summary>Share of peak a grouped (not depthwise) convolution reaches: between depthwise and dense.</summary>
    public double GroupedEfficiency { get; init; } = 0.3;

    /// <summary>Linear layers at small batch are matrix-vector products, bound by reading weights.</summary>
    public double LinearEfficiency { get; init; } = 0.4;

    /// <summary>How much faster than main memory data moves when a layer's bytes fit in the per-core caches.</summary>
    public double CacheBandwidthFactor { get; init; } = 4;

    /// <summary>Fixed cost of dispatching one node, in milliseconds.</summary>
    public double NodeOverheadMs { get; init; } = 0.002;

    /// <summary>Fixed cost of one run (inputs, outputs, scheduling), in milliseconds.</summary>
    public double RunOverheadMs { get; init; } = 0.02;

    /// <summary>The uncalibrated defaults, suited to dense CPU runtimes.</summary>
    public static AnalyticConstants Default { get; } = new();

    /// <summary>The share of peak the roofline assumes for a layer family (dense convolution for kinds without their own figure).</summary>
    public double EfficiencyOf(LayerKind kind) => kind switch
    {
        LayerKind.DepthwiseConvolution => DepthwiseEfficiency,
        LayerKind.GroupedConvolution => GroupedEfficiency,
        LayerKind.Linear => LinearEfficiency,
        _ => ConvolutionEfficiency,
    };

    /// <summary>A copy with the efficiency of one layer family replaced, as calibration fits them one by one.</summary>
    public AnalyticConstants WithEfficiency(LayerKind kind, double efficiency) => kind switch
    {
        LayerKind.DepthwiseConvolution => this with { DepthwiseEfficiency = efficiency },
        LayerKind.GroupedConvolution => this with { GroupedEfficiency = efficiency },
        LayerKind.Linear => this with { LinearEfficiency = efficiency },
        _ => this with { ConvolutionEfficiency = efficiency },
    };
}
