using Shears.Hardware.Latency;
using Shears.IR;

namespace Shears.Tests.Hardware.Latency;

/// <summary>
/// A deterministic stand-in for a runtime: every convolution or linear layer costs its MACs with
/// output channels padded to 16 (as SIMD kernels do), activations nothing (fused), every other
/// node a fixed small time; the whole run adds a fixed overhead. Counts the models it was asked to time.
/// </summary>
internal sealed class FakeLatencyMeter(LatencyRuntime runtime = LatencyRuntime.OnnxRuntime) : ILatencyMeter
{
    public const double MsPerMac = 1e-6;
    public const double OtherNodeMs = 0.001;
    public const double RunOverheadMs = 0.01;

    public int Measured { get; private set; }

    /// <summary>A busy spell of the machine: the calls numbered in [From, To) take Factor times as long.</summary>
    public (int From, int To, double Factor)? SlowSpell { get; init; }

    public LatencyRuntime Runtime => runtime;

    public static double LayerMs(LayerSignature signature)
    {
        var padded = signature.WithChannels(signature.InputChannels, (signature.OutputChannels + 15) / 16 * 16);
        return padded.Macs() * MsPerMac;
    }

    private static double CostOf(ModelLayer layer) =>
        layer.Signature is { } signature ? LayerMs(signature) : FusedActivations.Of(layer.Node) is null ? OtherNodeMs : 0;

    public LatencyMeasurement Measure(Model model, MeasurementOptions options)
    {
        var slow = SlowSpell is { } spell && Measured >= spell.From && Measured < spell.To ? spell.Factor : 1;
        Measured++;
        var nodes = ModelLayers.Read(model, options.Settings with { Runtime = LatencyRuntime.Engine })
            .Select(layer => new NodeTiming(layer.Cost.Name, layer.Cost.Op, CostOf(layer) * slow, layer.Cost.Name))
            .ToList();
        var total = nodes.Sum(node => node.Ms) + RunOverheadMs;
        return new LatencyMeasurement
        {
            Settings = options.Settings,
            Clock = options.Clock,
            MedianMs = total,
            P90Ms = total,
            MinMs = total,
            WallMedianMs = total,
            Runs = options.MinRuns,
            Nodes = nodes,
        };
    }
}
