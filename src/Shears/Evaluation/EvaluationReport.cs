using Shears.Data;
using Shears.Engine;
using Shears.IR;

namespace Shears.Evaluation;

/// <summary>
/// A classifier judged on a labelled test set: accuracy and loss, and its forward latency in the
/// engine at batch 1 and 128. `shears evaluate` renders it; <see cref="EvaluationReportJson"/> writes it.
/// </summary>
public sealed record EvaluationReport
{
    /// <summary>Latency batch sizes: one request at a time, and a full serving batch.</summary>
    public const int SmallBatch = 1;

    public const int LargeBatch = 128;

    /// <summary>How the model was named by its user (its path on the command line).</summary>
    public required string Model { get; init; }

    public required ClassificationMetrics Metrics { get; init; }

    public required LatencySummary LatencyBatch1 { get; init; }

    public required LatencySummary LatencyBatch128 { get; init; }

    /// <summary>Engine threads the figures were measured with.</summary>
    public required int Threads { get; init; }

    /// <summary>Evaluates <paramref name="model"/> on <paramref name="test"/> and times it at both batch sizes.</summary>
    /// <param name="batchSize">Batch of the accuracy pass.</param>
    /// <param name="progress">Told after each batch of the accuracy pass.</param>
    /// <param name="cancellation">Checked between batches.</param>
    public static EvaluationReport Measure(Model model, string name, IBatchSource test, int batchSize = 256, EngineOptions? engine = null,
        IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(test);
        if (batchSize < 1)
        {
            throw new InvalidOptionException($"BatchSize {batchSize} must be at least 1", "BatchSize");
        }
        engine ??= EngineOptions.Default;
        return new EvaluationReport
        {
            Model = name,
            Metrics = ClassifierEvaluator.Evaluate(model, test, batchSize, engine: engine, progress: progress, cancellation: cancellation),
            LatencyBatch1 = EngineLatency.Measure(model, test.SampleShape, SmallBatch, engine: engine),
            LatencyBatch128 = EngineLatency.Measure(model, test.SampleShape, LargeBatch, engine: engine),
            Threads = engine.EffectiveThreads,
        };
    }
}
