using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Models;
using Shears.Onnx;
using Shears.Strategy;
using Shears.Testing;
using Shears.Tests.Engine.Ops;

namespace Shears.Tests.Strategy;

/// <summary>Models and requests the planner tests share: latency predicted by a target's roofline, so nothing is timed.</summary>
internal static class PlannerFixtures
{
    public static Model Built(Architecture architecture) => ModelZoo.Build(architecture, seed: 1);

    /// <summary>A torchvision model from the export cache; skipped where it cannot be exported.</summary>
    public static Model Torchvision(string name)
    {
        try
        {
            return OnnxReader.Read(TorchvisionExports.Get(name));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new SkipTestException($"cannot export {name}: {e.Message}");
        }
    }

    public static PlanningRequest Request(Model model, string target, PruningBudget budget)
    {
        var profile = HardwareTargets.Named(target);
        var latency = budget.Kind == BudgetKind.Latency ? new AnalyticLatencyModel(profile) : null;
        return new PlanningRequest
        {
            Model = model,
            Target = profile,
            Budget = budget,
            Costs = new CostMeter(latency, LatencySettings.Default, budget.Batches),
        };
    }
}
