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
    /// <summary>The one-request-at-a-time batch size of <see cref="LatencyBatch1"/>.</summary>
    public const int SmallBatch = 1;

    /// <summary>The serving batch size of <see cref="LatencyBatch128"/>.</summary>
    public const int LargeBatch = 128;

    /// <summary>How the model was named by its user (its path on the command line).</summary>
    public required string Model { get; init; }

    /// <summary>Accuracy and loss on the test set.</summary>
    public required ClassificationMetrics Metrics { get; init; }

    /// <summary>Forward latency in the engine at batch <see cref="SmallBatch"/>.</summary>
    public required LatencySummary LatencyBatch1 { get; init; }

    /// <summary>Forward latency in the engine at batch <see cref="LargeBatch"/>.</summary>
    public required LatencySummary LatencyBatch128 { get; init; }

    /// <summary>Engine threads the figures were measured with.</summary>
    public required int Threads { get; init; }

    /// <summary>Evaluates <paramref name="model"/> on <paramref name="test"/> and times it at both batch sizes.</summary>
    /// <param name="model">The classifier to judge.</param>
    /// <param name="name">How to name the model in the report, such as its path.</param>
    /// <param name="test">The labelled test set.</param>
    /// <param name="engine">Engine options (threads) for accuracy and latency; <see cref="EngineOptions.Default"/> when null.</param>
    /// <exception cref="InvalidOptionException"><paramref name="batchSize"/> is below 1.</exception>
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
