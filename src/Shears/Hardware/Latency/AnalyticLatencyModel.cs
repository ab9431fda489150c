using System.Globalization;
using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// A roofline from a hardware profile: each layer takes the longer of its compute time (work at
/// the profile's peak times a per-family efficiency, with output channels rounded up to whole
/// vectors, as SIMD kernels compute them) and its memory time (bytes at the profile's bandwidth,
/// faster when they fit in cache), plus a fixed dispatch cost. Zeros only help where the profile
/// says the target skips them.
/// </summary>
public sealed class AnalyticLatencyModel : ILatencyModel
{
    // Used only when a profile states neither peak compute nor clock: a modest AVX2 core.
    private const double FallbackGflopsPerCore = 50;
    private const double FallbackBandwidthGBps = 10;

    /// <summary>A roofline for <paramref name="profile"/>; <paramref name="constants"/> default to <see cref="AnalyticConstants.Default"/>.</summary>
    public AnalyticLatencyModel(HardwareProfile profile, AnalyticConstants? constants = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        Constants = constants ?? AnalyticConstants.Default;
    }

    /// <summary>The target whose peak compute, bandwidth, caches and sparsity support the roofline uses.</summary>
    public HardwareProfile Profile { get; }

    /// <summary>The efficiencies and overheads the roofline applies.</summary>
    public AnalyticConstants Constants { get; }

    /// <inheritdoc/>
    public LatencyPrediction Predict(Model model, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var layers = ModelLayers.Read(model, settings).Select(layer => Predict(layer, settings)).ToList();
        return new LatencyPrediction
        {
            Settings = settings,
            Method = $"analytic roofline for '{Profile.Name}'",
            Layers = layers,
            OverheadMs = Constants.RunOverheadMs,
        };
    }

    /// <summary>One node's predicted latency.</summary>
    public LayerLatency Predict(ModelLayer layer, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(settings);
        var name = layer.Cost.Name;
        var op = layer.Cost.Op;
        if (layer.Fused)
        {
            return new LayerLatency(name, op, 0, LatencySource.Fused);
        }
        var bytes = layer.Cost.WeightBytes + InputBytes(layer) + (layer.Cost.ActivationBytes ?? 0);
        var memoryMs = bytes / Bandwidth(settings, bytes) / 1e6;
        var computeMs = layer.Signature is { } signature ? SignatureMs(signature, settings) / Math.Max(SparsitySpeedUp(layer.WeightSparsity), NOfMSpeedUp(layer)) : 0;
        return new LayerLatency(name, op, Math.Max(computeMs, memoryMs) + Constants.NodeOverheadMs, LatencySource.Analytic);
    }

    /// <summary>Compute time of a convolution or linear layer, in milliseconds.</summary>
    public double SignatureMs(LayerSignature signature, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(settings);
        var lanes = Math.Max(1, Profile.PrimaryChannelMultiple());
        // SIMD kernels compute whole vectors of output channels: a partial vector costs a full one.
        var quantised = signature.Kind == LayerKind.DepthwiseConvolution
            ? signature.WithChannels(RoundUp(signature.InputChannels, lanes), RoundUp(signature.OutputChannels, lanes))
            : signature.WithChannels(signature.InputChannels, RoundUp(signature.OutputChannels, lanes));
        var flops = 2.0 * quantised.Macs();
        var gflops = PeakGflops(settings) * Constants.EfficiencyOf(signature.Kind);
        return flops / gflops / 1e6;
    }

    /// <summary>Milliseconds to read a layer's weights from main memory: the least a layer whose weights are not in cache takes.</summary>
    public double ColdWeightsMs(ModelLayer layer, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(settings);
        return layer.Cost.WeightBytes / MainBandwidth(settings) / 1e6;
    }

    /// <summary>Peak float32 GFLOP/s at a thread count: per-core peak times the cores used, capped by the device peak.</summary>
    public double PeakGflops(LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cores = Math.Min(settings.Threads, Math.Max(1, Profile.Cores));
        var perCore = Profile.Compute.Float32GflopsPerCore
            ?? (Profile.Compute.Float32Gflops / Math.Max(1, Profile.Cores))
            ?? (Profile.ClockGhz is { } ghz && Profile.Simd is { } simd ? ghz * simd.Float32Lanes * 4 : FallbackGflopsPerCore);
        var total = perCore * cores;
        return Profile.Compute.Float32Gflops is { } device ? Math.Min(total, Math.Max(device, perCore)) : total;
    }

    /// <summary>Text for reports, e.g. "117 GFLOP/s/core, 25.6 GB/s".</summary>
    public string Describe(LatencySettings settings) => string.Create(
        CultureInfo.InvariantCulture,
        $"roofline at {PeakGflops(settings):0.#} GFLOP/s and {MainBandwidth(settings):0.#} GB/s ({settings.Threads} thread{(settings.Threads == 1 ? "" : "s")})");

    private double Bandwidth(LatencySettings settings, long bytes)
    {
        var main = MainBandwidth(settings);
        var cache = Profile.Caches.Where(c => c.Type != CacheType.Instruction && c.Scope == CacheScope.PerCore).Select(c => c.SizeBytes).DefaultIfEmpty(0).Max();
        return bytes <= cache ? main * Constants.CacheBandwidthFactor : main;
    }

    private double MainBandwidth(LatencySettings settings) =>
        settings.Threads == 1
            ? Profile.Memory.SingleCoreBandwidthGBps ?? Profile.Memory.BandwidthGBps ?? FallbackBandwidthGBps
            : Profile.Memory.BandwidthGBps ?? Profile.Memory.SingleCoreBandwidthGBps ?? FallbackBandwidthGBps;

    /// <summary>
    /// How much faster a layer with this share of zero weights runs: the profile's unstructured
    /// speed-up, reached in proportion to the stated sparsity. Dense runtimes state 1: zeros cost the same.
    /// </summary>
    public double SparsitySpeedUp(double weightSparsity)
    {
        if (weightSparsity <= 0 || Profile.SparsityFor(SparsityPattern.Unstructured) is not { SpeedUp: > 1 } support)
        {
            return 1;
        }
        var reached = support.AtSparsity is { } at && at > 0 ? Math.Min(1, weightSparsity / at) : 1;
        return 1 + ((support.SpeedUp - 1) * reached);
    }

    /// <summary>
    /// How much faster the layer's weight runs because its zeros follow an N:M pattern the profile accelerates (sparse
    /// tensor cores: 2:4 at 2×); 1 when the profile states none or the weight does not follow it.
    /// </summary>
    public double NOfMSpeedUp(ModelLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.Weight is not { ElementType: IR.DataType.Float } weight || layer.WeightSparsity <= 0)
        {
            return 1;
        }
        var best = 1.0;
        foreach (var support in Profile.Sparsity.Where(s => s.Pattern == SparsityPattern.NOfM && s.SpeedUp > best && s.N is > 0 && s.M > s.N))
        {
            if (Pruning.Rules.PruningRules.Find(layer.Node.OpType)?.WeightReductionAxis(layer.Node, weight) is { } axis
                && Pruning.Unstructured.SparsityPatterns.FollowsNOfM(weight.AsFloats(), weight.Dims, axis, support.N!.Value, support.M!.Value))
            {
                best = support.SpeedUp;
            }
        }
        return best;
    }

    private static long InputBytes(ModelLayer layer) =>
        layer.Cost.InputShapes.Count > 0 && layer.Cost.InputShapes[0]?.ElementCount is { } elements ? elements * sizeof(float) : 0;

    private static long RoundUp(long channels, int multiple) => (channels + multiple - 1) / multiple * multiple;
}
