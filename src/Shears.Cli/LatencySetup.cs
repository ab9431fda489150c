using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.OnnxRuntime.Profiling;
using Shears.Strategy;

namespace Shears.Cli;

/// <summary>
/// How `plan`, `optimize` and `demo` take latency: measured on this host (ONNX Runtime, or the engine), or predicted
/// by the target's latency model for any other profile.
/// </summary>
internal static class LatencySetup
{
    /// <summary>The cost meter for <paramref name="target"/>, and per-layer measured and predicted latency for reports.</summary>
    public static (CostMeter Costs, ILatencyModel? LayerMeasured, ILatencyModel LayerPredicted) For(HardwareProfile target, LatencySettings settings, IReadOnlyList<int> batches)
    {
        var predicted = LatencyModels.ForTarget(target, settings, LatencyTableStore.Default());
        if (!IsHost(target))
        {
            return (new CostMeter(predicted, settings, batches), null, predicted);
        }
        ILatencyMeter meter = settings.Runtime == LatencyRuntime.Engine ? new EngineLatencyMeter(EngineOption.Resolve()) : new OrtLatencyMeter();
        var whole = new MeteredLatencyModel(meter, MeasurementOptions.Default with { PerNode = false });
        var perNode = new MeteredLatencyModel(meter, MeasurementOptions.Default with { PerNode = true });
        return (new CostMeter(whole, settings, batches), perNode, predicted);
    }

    /// <summary>Whether the profile is this machine (latency can be measured), rather than another target's datasheet.</summary>
    public static bool IsHost(HardwareProfile target) => target.Name == ProfileCatalog.HostName;
}
