using Shears.Strategy;

namespace Shears.Optimization;

/// <summary>
/// Everything an optimisation run found, as plain data: the input model, the result, the controls it is compared with,
/// every iteration of the loop and every layer's change. Written as report.json, report.md and index.html.
/// </summary>
public sealed record OptimizationReport
{
    /// <summary>The schema's name in the <c>format</c> field.</summary>
    public const string FormatName = "shears.optimization-report";

    /// <summary>The schema's name.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The schema version this Shears writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The schema version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The input model (its file name).</summary>
    public required string Model { get; init; }

    /// <summary>The target profile's name and description.</summary>
    public required string Target { get; init; }

    /// <summary>The CPU the latency was measured on (model name, family, measured peak), or the profile it was predicted for.</summary>
    public required string Machine { get; init; }

    /// <summary>The budget as text, e.g. "0.25× latency at batch 1,128".</summary>
    public required string Budget { get; init; }

    /// <summary>The batch sizes latency is reported at.</summary>
    public required IReadOnlyList<int> Batches { get; init; }

    /// <summary>The most accuracy (in points) the run was allowed to lose against the input model; null when unlimited.</summary>
    public double? MaxAccuracyDrop { get; init; }

    /// <summary>The planner's name.</summary>
    public required string Planner { get; init; }

    /// <summary>The run's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>True when latency figures were measured on this host; false when a latency model predicted them.</summary>
    public required bool LatencyMeasured { get; init; }

    /// <summary>How latency was obtained, e.g. "measured in onnxruntime on this host, 1 thread".</summary>
    public required string LatencyMethod { get; init; }

    /// <summary>The input model, on the test set.</summary>
    public required ModelSnapshot Dense { get; init; }

    /// <summary>The optimised model, on the test set.</summary>
    public required ModelSnapshot Final { get; init; }

    /// <summary>The input model fine-tuned for as many extra epochs as the run spent, unpruned: the fair control for the drop.</summary>
    public ModelSnapshot? DenseControl { get; init; }

    /// <summary>The uniform planner at the same budget with the same fine-tuning: the baseline every plan is compared with.</summary>
    public ModelSnapshot? UniformBaseline { get; init; }

    /// <summary>Every iteration of the loop, in order.</summary>
    public required IReadOnlyList<IterationRecord> Iterations { get; init; }

    /// <summary>Every prunable layer, before and after.</summary>
    public required IReadOnlyList<LayerChange> Layers { get; init; }

    /// <summary>Candidates the search planner scored (empty for other planners).</summary>
    public IReadOnlyList<PlanCandidate> Pareto { get; init; } = [];

    /// <summary>What a search candidate's <see cref="PlanCandidate.Cost"/> is, with its unit, e.g. "latency at batch 1 (ms)"; empty when unknown.</summary>
    public string ParetoCostLabel { get; init; } = "";

    /// <summary>True when the final model meets the budget (and the accuracy floor, when there is one).</summary>
    public required bool BudgetMet { get; init; }

    /// <summary>Why the loop stopped: "budget met", "accuracy floor reached", "no progress in 3 iterations", …</summary>
    public required string StopReason { get; init; }

    /// <summary>Things the reader should know.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The final model's accuracy change against the input model, in points (negative is a loss).</summary>
    public double DropPoints => (Final.Accuracy - Dense.Accuracy) * 100;

    /// <summary>The final model's accuracy change against the dense control, in points; null without a control.</summary>
    public double? DropAgainstControlPoints => DenseControl is { } control ? (Final.Accuracy - control.Accuracy) * 100 : null;
}
