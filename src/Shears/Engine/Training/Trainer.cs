using System.Diagnostics;
using Shears.Data;
using Shears.IR;
using Shears.Numerics;

namespace Shears.Engine.Training;

/// <summary>
/// Trains a classifier graph with softmax cross-entropy: shuffled mini-batches, forward, backward,
/// optimizer step. Weights live in one <see cref="ParameterStore"/> shared by the plans compiled
/// for the full and the last partial batch; <see cref="ToModel"/> writes them back.
/// </summary>
public sealed class Trainer
{
    private readonly Model _model;
    private readonly TrainingOptions _options;
    private readonly Dictionary<int, ExecutionPlan> _plans = [];
    private readonly Dictionary<int, ExecutionPlan> _teacherPlans = [];
    private readonly string _input;
    private readonly string _output;
    private readonly List<EpochResult> _history = [];
    private float[] _gradient = [];

    /// <summary>A trainer for <paramref name="model"/>; the model itself is never changed (see <see cref="ToModel"/>).</summary>
    /// <param name="model">A classifier whose output holds one logit per class.</param>
    /// <param name="options">How to train; validated here.</param>
    /// <param name="parameters">Weights to train, such as a store with pruning masks set; a new store of the model's weights when null.</param>
    /// <exception cref="ShearsException">The options are out of range, the model has no outputs, or its input to feed is ambiguous.</exception>
    public Trainer(Model model, TrainingOptions options, ParameterStore? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
        Parameters = parameters ?? new ParameterStore(model);
        _input = options.InputName ?? SingleInput(model);
        _output = options.OutputName ?? model.Graph.Outputs.FirstOrDefault()?.Name ?? throw new ShearsException("the model has no outputs");
    }

    /// <summary>The weights being trained, with their gradients and masks.</summary>
    public ParameterStore Parameters { get; }

    /// <summary>Every epoch trained so far, across calls to <see cref="Train"/>.</summary>
    public IReadOnlyList<EpochResult> History => _history;

    /// <summary>The model with the trained weights.</summary>
    public Model ToModel() => Parameters.ApplyTo(_model);

    /// <summary>
    /// Trains for <see cref="TrainingOptions.Epochs"/> epochs over <paramref name="data"/>, shuffled per epoch from
    /// <see cref="TrainingOptions.Seed"/>, so the same seed gives the same weights.
    /// </summary>
    /// <param name="data">Labelled training samples laid out as the model's input expects.</param>
    /// <param name="progress">Receives a report every 20 steps and at the end of each epoch; may be null.</param>
    /// <param name="cancellation">Checked before every step.</param>
    /// <returns>One result per epoch of this call (loss and accuracy measured on the training batches as they were trained).</returns>
    /// <exception cref="ShearsException">The training set is empty, or its samples do not fit the model's input, or a label exceeds the model's classes.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; the weights keep the steps taken so far.</exception>
    public IReadOnlyList<EpochResult> Train(IBatchSource data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ShearsException("the training set is empty");
        }
        var batch = _options.BatchSize;
        var sampleSize = data.SampleShape.Aggregate(1, (a, b) => a * b);
        var stepsPerEpoch = (data.Count + batch - 1) / batch;
        var totalSteps = stepsPerEpoch * _options.Epochs;
        var optimizer = _options.Optimizer();
        var loss = new SoftmaxCrossEntropy(_options.LabelSmoothing);
        var order = new int[data.Count];
        var labels = new int[batch];
        var results = new List<EpochResult>();
        var step = 0;
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            var permutation = Rng.ForStream(_options.Seed, (ulong)epoch).Permutation(data.Count);
            permutation.CopyTo(order, 0);
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            var correct = 0;
            var seen = 0;
            float rate = 0;
            for (var s = 0; s < stepsPerEpoch; s++)
            {
                cancellation.ThrowIfCancellationRequested();
                var count = Math.Min(batch, data.Count - (s * batch));
                var plan = PlanFor(count, data.SampleShape);
                var input = plan.Input(_input);
                data.CopyBatch(order.AsSpan(s * batch, count), input.Floats.AsSpan(0, count * sampleSize), labels.AsSpan(0, count));
                plan.Forward();
                var logits = plan.Output(_output);
                var classes = logits.Length / count;
                var gradient = GradientBuffer(logits.Length);
                var (batchLoss, batchCorrect) = loss.Compute(logits.Floats, classes, labels, count, gradient);
                if (_options.Distillation is { } distillation)
                {
                    var teacher = TeacherLogits(distillation, input, count, data.SampleShape, logits.Length);
                    batchLoss = distillation.Combine(batchLoss, logits.Floats, teacher, classes, count, gradient);
                }
                Parameters.ZeroGrads();
                plan.Backward(new Dictionary<string, float[]>(1) { [_output] = gradient });
                rate = _options.Schedule.At(step++, totalSteps, stepsPerEpoch);
                optimizer.Step(Parameters, rate, _options.Engine);
                lossSum += batchLoss * count;
                correct += batchCorrect;
                seen += count;
                if (progress is not null && (s % 20 == 19 || s == stepsPerEpoch - 1))
                {
                    progress.Report(new TrainingProgress(epoch, _options.Epochs, s + 1, stepsPerEpoch, lossSum / seen, (double)correct / seen, seen / clock.Elapsed.TotalSeconds, rate));
                }
            }
            var result = new EpochResult(epoch, lossSum / seen, (double)correct / seen, clock.Elapsed.TotalSeconds, seen / clock.Elapsed.TotalSeconds);
            results.Add(result);
            _history.Add(result);
        }
        return results;
    }

    // The teacher runs in inference on the very batch the student sees (its own plan, its own weights).
    private ReadOnlySpan<float> TeacherLogits(Distillation distillation, EngineTensor input, int count, IReadOnlyList<int> sampleShape, int length)
    {
        var teacherModel = distillation.Teacher;
        var output = distillation.TeacherOutputName ?? teacherModel.Graph.Outputs.FirstOrDefault()?.Name ?? throw new ShearsException("the teacher has no outputs");
        var teacherInput = SingleInput(teacherModel);
        if (!_teacherPlans.TryGetValue(count, out var plan))
        {
            var perSample = InputLayout.Resolve(teacherModel, teacherInput, sampleShape);
            plan = ExecutionPlan.Compile(teacherModel, new Dictionary<string, int[]> { [teacherInput] = [count, .. perSample] }, engine: _options.Engine);
            _teacherPlans[count] = plan;
        }
        var sampleSize = sampleShape.Aggregate(1, (a, b) => a * b);
        input.Floats.AsSpan(0, count * sampleSize).CopyTo(plan.Input(teacherInput).Floats);
        plan.Forward();
        var logits = plan.Output(output);
        return logits.Length == length
            ? logits.Floats.AsSpan(0, length)
            : throw new ShearsException($"the teacher gives {logits.Length / count} outputs per sample, the model {length / count}");
    }

    private float[] GradientBuffer(int length)
    {
        if (_gradient.Length < length)
        {
            _gradient = new float[length];
        }
        return _gradient;
    }

    private ExecutionPlan PlanFor(int batch, IReadOnlyList<int> sampleShape)
    {
        if (!_plans.TryGetValue(batch, out var plan))
        {
            var perSample = InputLayout.Resolve(_model, _input, sampleShape);
            plan = ExecutionPlan.Compile(_model, new Dictionary<string, int[]> { [_input] = [batch, .. perSample] }, ExecutionMode.Training, Parameters, engine: _options.Engine);
            _plans[batch] = plan;
        }
        return plan;
    }

    internal static string SingleInput(Model model)
    {
        var inputs = model.Graph.RuntimeInputs.ToList();
        return inputs.Count == 1
            ? inputs[0].Name
            : throw new ShearsException($"the model has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); name the one to feed");
    }
}
