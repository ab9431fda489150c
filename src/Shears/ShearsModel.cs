using Shears.Analysis;
using Shears.Data;
using Shears.Engine;
using Shears.Engine.Training;
using Shears.Evaluation;
using Shears.Hardware;
using Shears.IR;
using Shears.IR.Inference;
using Shears.Onnx;
using Shears.Preprocessing;
using Shears.Pruning;
using Shears.Pruning.Importance;
using Shears.Strategy;

namespace Shears;

/// <summary>
/// The few calls a program needs to prune a model for its hardware: load, analyse, plan for a target and a budget,
/// prune, fine-tune on its own data, evaluate, save. Each call returns a new value and never changes this one; the
/// `shears` command line makes the same calls. <see cref="Model"/> gives the graph for anything more specialised.
/// </summary>
/// <example>
/// <code>
/// var model = ShearsModel.Load("classifier.onnx");
/// var target = HardwareTargets.Host();
/// var plan = model.Plan(target, PruningBudget.Macs(0.5));
/// var pruned = model.Prune(plan.Plan).FineTune(data.Train, new TrainingOptions { Epochs = 2 });
/// Console.WriteLine(pruned.Evaluate(data.Test).Metrics.Accuracy);
/// pruned.Save("classifier-pruned.onnx");
/// </code>
/// </example>
public sealed class ShearsModel
{
    private ShearsModel(Model model, string name)
    {
        Model = model;
        Name = name;
    }

    /// <summary>The model's graph and ONNX header.</summary>
    public Model Model { get; }

    /// <summary>Where the model came from (its path), or what made it ("pruned", "fine-tuned"), for reports.</summary>
    public string Name { get; }

    /// <summary>What the model expects as input, when its metadata says (every model Shears trains does).</summary>
    public InputSpec? Input => InputSpec.Read(Model);

    /// <summary>Reads an ONNX model.</summary>
    /// <exception cref="InvalidModelException">The file is missing, truncated, or not a valid ONNX model.</exception>
    public static ShearsModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new ShearsModel(OnnxReader.Read(path), path);
    }

    /// <summary>Wraps a model already in memory (built, trained or read elsewhere).</summary>
    public static ShearsModel From(Model model, string name = "model")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        return new ShearsModel(model, name);
    }

    /// <summary>Parameters, MACs, weight and activation bytes per layer and in total.</summary>
    /// <param name="shapes">Input shapes or symbolic sizes to analyse at; null binds the batch to 1.</param>
    public ModelAnalysis Analyze(ShapeInferenceOptions? shapes = null) => ModelAnalyzer.Analyze(Model, shapes);

    /// <summary>A plan with the same options in every group (a ratio, N:M, a block shape, a threshold).</summary>
    /// <param name="options">Granularity, amount, criterion and scope; validated first (<see cref="InvalidOptionException"/> names a bad option).</param>
    /// <param name="gradientData">Training data for the Taylor criterion, which needs gradients; null otherwise.</param>
    public PruningPlan Plan(PruningOptions options, IBatchSource? gradientData = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Pruner.Plan(Model, options, Gradients(options, gradientData));
    }

    /// <summary>
    /// A plan that meets <paramref name="budget"/> on <paramref name="target"/>: the smallest uniform channel (or head)
    /// ratio within it, with channel counts rounded to the target's preferred multiple.
    /// </summary>
    /// <param name="target">The hardware the budget is measured on (its channel multiple and, for a latency budget, its latency model).</param>
    /// <param name="budget">What to stay within: a fraction of the dense model's MACs, parameters or latency.</param>
    /// <param name="options">Granularity, criterion and the rest; null prunes channels by L1 importance.</param>
    /// <param name="gradientData">Training data for the Taylor criterion; null otherwise.</param>
    /// <param name="progress">Told after each step of the ratio search.</param>
    /// <param name="cancellation">Checked between search steps; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public BudgetPlan Plan(HardwareProfile target, PruningBudget budget, PruningOptions? options = null, IBatchSource? gradientData = null,
        IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(budget);
        var chosen = options ?? new PruningOptions();
        return UniformBudgetPlanner.Plan(Model, target, budget, chosen, gradients: Gradients(chosen, gradientData), progress: progress, cancellation: cancellation);
    }

    /// <summary>The model with <paramref name="plan"/> applied; its metadata records which weights were zeroed.</summary>
    /// <exception cref="ShearsException">The plan was made for another model.</exception>
    public ShearsModel Prune(PruningPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ShearsModel(Pruner.Apply(Model, plan), $"{Name} (pruned)");
    }

    /// <summary>
    /// Trains the model further on <paramref name="train"/>. The weights pruning zeroed (as the model's metadata records
    /// them) stay zero; every other weight may change.
    /// </summary>
    /// <param name="train">The training samples; their shape must fit the model's input.</param>
    /// <param name="options">Epochs, batch size, optimiser, learning-rate schedule and seed.</param>
    /// <param name="progress">Told after every step.</param>
    /// <param name="cancellation">Checked between steps; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public ShearsModel FineTune(IBatchSource train, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        FineTune(train, options, out _, progress, cancellation);

    /// <inheritdoc cref="FineTune(IBatchSource, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>
    /// <param name="train">The training samples; their shape must fit the model's input.</param>
    /// <param name="options">Epochs, batch size, optimiser, learning-rate schedule and seed.</param>
    /// <param name="history">Loss, accuracy and speed of every epoch.</param>
    /// <param name="progress">Told after every step.</param>
    /// <param name="cancellation">Checked between steps; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public ShearsModel FineTune(IBatchSource train, TrainingOptions options, out IReadOnlyList<EpochResult> history,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var trainer = new Trainer(Model, options);
        trainer.Parameters.MaskPrunedWeights(Model);
        history = trainer.Train(train, progress, cancellation);
        return new ShearsModel(trainer.ToModel(), $"{Name} (fine-tuned)");
    }

    /// <summary>Accuracy and loss on <paramref name="test"/>, and engine latency at batch 1 and 128.</summary>
    /// <param name="test">The held-out samples; their shape must fit the model's input.</param>
    /// <param name="batchSize">Batch of the accuracy pass.</param>
    /// <param name="engine">Engine threads and kernels; null uses every core.</param>
    /// <param name="progress">Told as the accuracy and latency passes advance.</param>
    /// <param name="cancellation">Checked as the passes advance; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public EvaluationReport Evaluate(IBatchSource test, int batchSize = 256, EngineOptions? engine = null,
        IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(test);
        return EvaluationReport.Measure(Model, Name, test, batchSize, engine, progress, cancellation);
    }

    /// <summary>Writes the model as ONNX, atomically: the file holds the old content or the complete new one.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        OnnxWriter.Write(Model, path);
    }

    private IReadOnlyDictionary<string, float[]>? Gradients(PruningOptions options, IBatchSource? data)
    {
        if (options.Criterion != ImportanceCriterion.Taylor)
        {
            return null;
        }
        return data is null
            ? throw new InvalidOptionException("the Taylor criterion needs training data for its gradients", "gradientData")
            : GradientSampler.Compute(Model, data, seed: options.Seed);
    }
}
