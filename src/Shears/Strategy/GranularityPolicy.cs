using System.Globalization;
using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>
/// Chooses how to prune for a target from its evidence: zeros only where the target's runtime skips them
/// (a <see cref="SparsitySupport"/> with a speed-up above 1), N:M where the profile accelerates it, whole channels otherwise.
/// A parameter budget counts non-zero weights, so there unstructured zeros pay wherever they fall.
/// </summary>
public static class GranularityPolicy
{
    /// <summary>The granularity for <paramref name="budget"/> on <paramref name="target"/> in <paramref name="runtime"/>.</summary>
    /// <param name="target">The hardware profile whose sparsity support decides.</param>
    /// <param name="runtime">The runtime the model will run in on the host; sparse kernels exist in neither today, so only another target's profile can claim them.</param>
    /// <param name="budget">What is limited: a latency or MACs budget needs faster kernels, a parameter budget only fewer non-zeros.</param>
    /// <param name="isHost">True when the target is this machine, whose runtimes (ONNX Runtime, the engine) run zeros densely.</param>
    public static GranularityChoice Choose(HardwareProfile target, LatencyRuntime runtime, PruningBudget budget, bool isHost)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(budget);
        var runtimeName = LatencySettings.RuntimeName(runtime);
        if (budget.Kind == BudgetKind.Parameters)
        {
            return new GranularityChoice(PruningGranularity.Unstructured,
                "a parameter budget counts non-zero weights, so unstructured zeros (the finest, least harmful choice) meet it wherever they fall");
        }
        if (budget.Kind is BudgetKind.Bytes or BudgetKind.Macs)
        {
            return new GranularityChoice(PruningGranularity.Channel,
                $"{(budget.Kind == BudgetKind.Bytes ? "dense weight bytes" : "MACs")} shrink only when whole channels go; zeros are still stored and multiplied");
        }
        // A CPU runs the model in ONNX Runtime or the engine, neither of which has sparse kernels; a GPU or accelerator
        // profile's sparse kernels are its own runtime's (cuSPARSELt, TensorRT).
        var ownKernels = !isHost && target.Kind != HardwareKind.Cpu;
        var accelerated = target.Sparsity.Where(s => s.SpeedUp > 1 && (!s.RequiresSparseKernels || ownKernels)).ToList();
        var source = target.SourceOf("sparsity") is { } s ? $" ({s})" : "";
        if (accelerated.FirstOrDefault(s => s.Pattern == SparsityPattern.NOfM && s.N is > 0 && s.M > s.N) is { } nm)
        {
            return new GranularityChoice(PruningGranularity.NM, string.Create(CultureInfo.InvariantCulture,
                $"{target.Name} runs {nm.N}:{nm.M} sparsity {nm.SpeedUp:0.##}× faster on {nm.AppliesTo ?? "its matrix units"}{source}; channels go too where the budget needs more"))
            { N = nm.N, M = nm.M };
        }
        // Zeros alone can reach only 1/speed-up of the latency; past that, channels must go, and they make zeros pointless.
        bool Reaches(SparsitySupport support) => budget.Fraction is { } f && 1 / support.SpeedUp <= f;
        if (accelerated.FirstOrDefault(s => s.Pattern == SparsityPattern.Block && Reaches(s)) is { } block)
        {
            return new GranularityChoice(PruningGranularity.Block, string.Create(CultureInfo.InvariantCulture,
                $"{target.Name} runs {block.BlockRows ?? 1}x{block.BlockColumns ?? 1} block sparsity {block.SpeedUp:0.##}× faster on {block.AppliesTo ?? "its matrix kernels"}{source}"))
            { BlockRows = block.BlockRows ?? 1, BlockColumns = block.BlockColumns ?? 1 };
        }
        if (accelerated.FirstOrDefault(s => s.Pattern == SparsityPattern.Unstructured && Reaches(s)) is { } unstructured)
        {
            return new GranularityChoice(PruningGranularity.Unstructured, string.Create(CultureInfo.InvariantCulture,
                $"{target.Name} runs unstructured sparsity up to {unstructured.SpeedUp:0.##}× faster on {unstructured.AppliesTo ?? "its kernels"}{source}"));
        }
        var limited = accelerated.FirstOrDefault(s => s.Pattern != SparsityPattern.NOfM) is { } weak && budget.Kind == BudgetKind.Latency
            ? string.Create(CultureInfo.InvariantCulture, $"; its {SparsityName(weak.Pattern)} speed-up of {weak.SpeedUp:0.##}× cannot reach {budget}")
            : "";
        var why = isHost
            ? $"{runtimeName} on this host runs zeros as fast as any weight (no sparse kernels), so only removed channels make it faster"
            : target.Kind == HardwareKind.Cpu
            ? $"{target.Name} is a CPU, run here in ONNX Runtime or the engine, neither of which has sparse kernels, so only removed channels make it faster"
            : $"{target.Name} states no sparsity pattern it runs faster{source}, so only removed channels make it faster";
        return new GranularityChoice(PruningGranularity.Channel, why + limited);
    }

    private static string SparsityName(SparsityPattern pattern) => pattern switch
    {
        SparsityPattern.Block => "block",
        SparsityPattern.NOfM => "n:m",
        _ => "unstructured",
    };
}
