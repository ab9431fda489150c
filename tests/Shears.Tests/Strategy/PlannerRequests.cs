using Shears.Data;
using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Strategy;

namespace Shears.Tests.Strategy;

/// <summary>Requests for the planner tests: a target whose channel multiple is 8, and a meter without latency for MACs budgets.</summary>
internal static class PlannerRequests
{
    public static readonly HardwareProfile Target = new() { Name = "test", PreferredChannelMultiples = [8] };

    /// <summary>Two blank images, for requests that must fail before any data is read.</summary>
    public static readonly LabelledDataset Blank = new(new float[2 * 784], [0, 1], [1, 28, 28], 10);

    public static PlanningRequest Macs(Model model, double fraction, TrainedClassifiers data) => Macs(model, fraction, data.TrainData, data.Validation);

    public static PlanningRequest Macs(Model model, double fraction, IBatchSource? train, IBatchSource? validation) => new()
    {
        Model = model,
        Target = Target,
        Budget = PruningBudget.Macs(fraction),
        Costs = new CostMeter(null, LatencySettings.Default, [1]),
        Train = train,
        Validation = validation,
        Seed = 5,
    };
}
