using Shears.Data;
using Shears.Engine;
using Shears.Engine.Training;
using Shears.IR;

namespace Shears.Pruning.Importance;

/// <summary>Mean loss gradients of a classifier's weights over a data sample, for the Taylor criterion.</summary>
public static class GradientSampler
{
    /// <summary>Runs the first <paramref name="samples"/> samples (in a seeded order) through forward and backward and averages the weight gradients.</summary>
    /// <param name="model">The classifier: one input, the first output its logits; not changed.</param>
    /// <param name="data">Labelled samples whose shape fits the model's input.</param>
    /// <param name="samples">How many samples to use, at most the data's count; default 512.</param>
    /// <param name="batchSize">Samples per forward and backward pass; default 64.</param>
    /// <param name="seed">Seed of the sample order.</param>
    /// <param name="engine">Options of the training plans; <see cref="EngineOptions.Default"/> when null.</param>
    /// <returns>The mean softmax cross-entropy gradient of every trainable initializer, by name, shaped like it (flattened).</returns>
    public static IReadOnlyDictionary<string, float[]> Compute(Model model, IBatchSource data, int samples = 512, int batchSize = 64, ulong seed = 0, EngineOptions? engine = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var input = Trainer.SingleInput(model);
        var output = model.Graph.Outputs.FirstOrDefault()?.Name ?? throw new ShearsException("the model has no outputs");
        var perSample = InputLayout.Resolve(model, input, data.SampleShape);
        var parameters = new ParameterStore(model);
        var order = Numerics.Rng.ForStream(seed, "taylor").Permutation(data.Count);
        var total = Math.Min(samples, data.Count);
        var loss = new SoftmaxCrossEntropy();
        var labels = new int[batchSize];
        var plans = new Dictionary<int, ExecutionPlan>();
        parameters.ZeroGrads();
        for (var start = 0; start < total; start += batchSize)
        {
            var count = Math.Min(batchSize, total - start);
            if (!plans.TryGetValue(count, out var plan))
            {
                plans[count] = plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { [input] = [count, .. perSample] }, ExecutionMode.Training, parameters, engine: engine);
            }
            data.CopyBatch(order.AsSpan(start, count), plan.Input(input).Floats, labels.AsSpan(0, count));
            plan.Forward();
            var logits = plan.Output(output);
            var gradient = new float[logits.Length];
            loss.Compute(logits.Floats, logits.Length / count, labels, count, gradient);
            // Each batch's gradient is a mean over its samples; weight it by its share of the whole.
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] *= (float)count / total;
            }
            plan.Backward(new Dictionary<string, float[]> { [output] = gradient });
        }
        return parameters.Trainable.ToDictionary(name => name, name => parameters.Grad(name).Span.ToArray(), StringComparer.Ordinal);
    }
}
