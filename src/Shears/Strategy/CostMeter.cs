using Shears.Analysis;
using Shears.Hardware.Latency;
using Shears.IR;

namespace Shears.Strategy;

/// <summary>
/// Takes a model's <see cref="ModelCost"/>: MACs, non-zero parameters and weight bytes from analysis, and latency at each
/// of the budget's batch sizes from a latency model (which measures on the host, or predicts for another target).
/// </summary>
public sealed class CostMeter
{
    private readonly ILatencyModel? _latency;
    private readonly LatencySettings _settings;
    private readonly IReadOnlyList<int> _batches;

    /// <summary>A meter that takes latency from <paramref name="latency"/> at <paramref name="batches"/>.</summary>
    /// <param name="latency">Answers latency questions; null when no latency is needed (a MACs, parameter or byte budget).</param>
    /// <param name="settings">Runtime and threads; the batch is replaced by each of <paramref name="batches"/>.</param>
    /// <param name="batches">The batch sizes to take latency at.</param>
    public CostMeter(ILatencyModel? latency, LatencySettings settings, IReadOnlyList<int> batches)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(batches);
        _latency = latency;
        _settings = settings;
        _batches = batches;
    }

    /// <summary>True when latency figures come from measurement on this host rather than a prediction.</summary>
    public bool Measures => _latency is MeteredLatencyModel;

    /// <summary>The runtime and threads latency is taken at (the batch is each of <see cref="BatchSizes"/> in turn).</summary>
    public LatencySettings Settings => _settings;

    /// <summary>The batch sizes latency is taken at.</summary>
    public IReadOnlyList<int> BatchSizes => _batches;

    /// <summary>The latency model questions go to, when there is one.</summary>
    public ILatencyModel? Latency => _latency;

    /// <summary>The model's cost; latency only when this meter has a latency model.</summary>
    public ModelCost Measure(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var analysis = ModelAnalyzer.Analyze(model);
        var zeros = Sparsity.Of(model).Zeros;
        var latency = new List<BatchLatency>();
        if (_latency is not null)
        {
            foreach (var batch in _batches)
            {
                var prediction = _latency.Predict(model, _settings with { Batch = batch });
                latency.Add(new BatchLatency(batch, prediction.TotalMs, prediction.Method));
            }
        }
        return new ModelCost
        {
            Macs = analysis.Macs,
            Parameters = analysis.Parameters - zeros,
            Bytes = analysis.WeightBytes,
            Latency = latency,
            LatencyMeasured = Measures,
        };
    }

    /// <summary>
    /// Whether <paramref name="cost"/> is within <paramref name="budget"/>, whose fractions are of <paramref name="dense"/>;
    /// a latency budget must hold at every batch.
    /// </summary>
    public static bool Meets(ModelCost cost, ModelCost dense, PruningBudget budget)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(budget);
        return Batches(budget).All(batch => cost.Of(budget.Kind, batch) <= budget.LimitFor(dense.Of(budget.Kind, batch)));
    }

    /// <summary>
    /// How far <paramref name="cost"/> is from <paramref name="budget"/>: the largest, over the batches, of the cost divided by
    /// its limit (1 or below meets it).
    /// </summary>
    public static double Ratio(ModelCost cost, ModelCost dense, PruningBudget budget)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(budget);
        return Batches(budget).Max(batch => cost.Of(budget.Kind, batch) / budget.LimitFor(dense.Of(budget.Kind, batch)));
    }

    private static IReadOnlyList<int> Batches(PruningBudget budget) => budget.Kind == BudgetKind.Latency ? budget.Batches : [1];
}
