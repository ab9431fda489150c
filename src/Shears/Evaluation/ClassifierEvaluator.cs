using Shears.Data;
using Shears.Engine;
using Shears.Engine.Training;
using Shears.IR;

namespace Shears.Evaluation;

/// <summary>Measures a classifier's accuracy and loss on labelled data with the engine.</summary>
public static class ClassifierEvaluator
{
    /// <summary>Runs <paramref name="model"/> over every sample of <paramref name="data"/> and counts correct top-1 classifications and mean cross-entropy.</summary>
    /// <param name="model">A classifier whose output holds one logit per class.</param>
    /// <param name="data">Labelled samples laid out as the model's input expects.</param>
    /// <param name="batchSize">Samples per forward pass; changes speed and memory, not the result.</param>
    /// <param name="inputName">The input to feed; the model's single runtime input when null.</param>
    /// <param name="outputName">The logits output; the model's first output when null.</param>
    /// <exception cref="ShearsException">The model has no outputs, or its input does not match the data's sample shape.</exception>
    /// <param name="engine">Options of the inference plans; <see cref="EngineOptions.Default"/> when null.</param>
    /// <param name="progress">Told after each batch; the step counts batches.</param>
    /// <param name="cancellation">Checked between batches.</param>
    public static ClassificationMetrics Evaluate(Model model, IBatchSource data, int batchSize = 256, string? inputName = null, string? outputName = null, EngineOptions? engine = null,
        IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var input = inputName ?? Trainer.SingleInput(model);
        var output = outputName ?? model.Graph.Outputs.FirstOrDefault()?.Name ?? throw new ShearsException("the model has no outputs");
        var inputShape = InputLayout.Resolve(model, input, data.SampleShape);
        var plans = new Dictionary<int, ExecutionPlan>();
        var parameters = new ParameterStore(model);
        var loss = new SoftmaxCrossEntropy();
        var indices = new int[batchSize];
        var labels = new int[batchSize];
        var gradient = Array.Empty<float>();
        double lossSum = 0;
        var correct = 0;
        var batches = (data.Count + batchSize - 1) / batchSize;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, data.Count - start);
            if (!plans.TryGetValue(count, out var plan))
            {
                plans[count] = plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { [input] = [count, .. inputShape] }, ExecutionMode.Inference, parameters, engine: engine);
            }
            for (var i = 0; i < count; i++)
            {
                indices[i] = start + i;
            }
            data.CopyBatch(indices.AsSpan(0, count), plan.Input(input).Floats, labels.AsSpan(0, count));
            plan.Forward();
            var logits = plan.Output(output);
            if (gradient.Length < logits.Length)
            {
                gradient = new float[logits.Length];
            }
            var (batchLoss, batchCorrect) = loss.Compute(logits.Floats, logits.Length / count, labels, count, gradient);
            lossSum += batchLoss * count;
            correct += batchCorrect;
            progress?.Report(new OperationProgress("evaluating", (start / batchSize) + 1, batches));
        }
        return new ClassificationMetrics(data.Count, correct, data.Count == 0 ? 0 : lossSum / data.Count);
    }
}
