using System.CommandLine;
using System.Globalization;
using Shears.Cli.Rendering;
using Shears.Engine.Training;
using Shears.Evaluation;
using Shears.Models;
using Shears.Onnx;
using Shears.Preprocessing;
using Shears.Pruning;
using Spectre.Console;

namespace Shears.Cli.Commands;

/// <summary>
/// `shears train --arch mlp|cnn|resnet|vit --data fashion-mnist --epochs N -o model.onnx`: trains one of the
/// built-in models with the engine; `--from model.onnx` fine-tunes an existing classifier (a pruned one keeps its zeros).
/// </summary>
internal sealed class TrainCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var arch = new Option<string?>("--arch") { Description = "mlp | cnn | resnet | vit (or --from)" };
        var from = new Option<string?>("--from") { Description = "Fine-tune this ONNX classifier instead of a new built-in model; the weights its pruning zeroed stay zero" };
        var data = new DataOption();
        var keepZeros = new Option<bool>("--keep-zeros") { Description = "With --from: also keep every weight that is zero now at zero (for a model pruned by another tool, which records no mask)" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed for weights and shuffling", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 128 };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate", DefaultValueFactory = _ => 1e-3f };
        var schedule = new Option<string>("--schedule") { Description = "constant | cosine | step (default cosine)" };
        var optimizer = new Option<string>("--optimizer") { Description = "adam | adamw | sgd (default adam)" };
        var weightDecay = new Option<float>("--weight-decay") { Description = "Weight decay", DefaultValueFactory = _ => 0f };
        var smoothing = new Option<float>("--label-smoothing") { Description = "Label smoothing ε", DefaultValueFactory = _ => 0f };
        var threads = new Option<int?>("--threads") { Description = "Engine threads (default: all cores)" };
        var outPath = new Option<string>("--output", "-o") { Description = "Where to write the trained model (ONNX)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the per-epoch history and test figures as one JSON object" };
        var shapes = new ShapeOptions();

        var command = new Command("train", "Train a built-in model (mlp, cnn, resnet, vit) on Fashion-MNIST with the Shears engine, or fine-tune an ONNX classifier (--from).")
        {
            arch, from, epochs, seed, batch, lr, schedule, optimizer, weightDecay, smoothing, threads, outPath, json, keepZeros,
        };
        shapes.AddTo(command);
        data.AddTo(command);
        command.SetAction(parse =>
        {
            var engine = EngineOption.Resolve(parse.GetValue(threads));
            var (archName, fromPath) = (parse.GetValue(arch), parse.GetValue(from));
            if ((archName is null) == (fromPath is null))
            {
                throw new UsageException("give either --arch (train a new built-in model) or --from MODEL (fine-tune one)");
            }
            var epochCount = parse.GetValue(epochs);
            var rate = parse.GetValue(lr);
            if (rate <= 0 || float.IsNaN(rate))
            {
                throw new UsageException($"--lr {rate} must be positive");
            }
            var options = new TrainingOptions
            {
                Epochs = epochCount,
                BatchSize = parse.GetValue(batch),
                Seed = (ulong)parse.GetValue(seed),
                LabelSmoothing = parse.GetValue(smoothing),
                Schedule = EnumOption.Parse<LearningRateSchedule>("--schedule", parse.GetValue(schedule), new Dictionary<string, LearningRateSchedule>(StringComparer.Ordinal)
                {
                    ["constant"] = new LearningRateSchedule.Constant(rate),
                    ["cosine"] = new LearningRateSchedule.Cosine(rate, rate * 0.01f),
                    ["step"] = new LearningRateSchedule.Step(rate, Math.Max(1, epochCount / 3), 0.1f),
                }, new LearningRateSchedule.Cosine(rate, rate * 0.01f)),
                Optimizer = OptimizerFactory(parse.GetValue(optimizer), parse.GetValue(weightDecay)),
                Engine = engine,
            };
            options.Validate();
            var target = fromPath is null ? OutputPath.Writable(parse.GetValue(outPath)!) : OutputPath.DistinctFrom(parse.GetValue(outPath)!, fromPath);
            // A new model gets the training set's normalisation as its first nodes, so it takes raw [0, 1] pixels;
            // a loaded one keeps whatever input it has, and the weights its pruning zeroed stay zero.
            var original = fromPath is not null ? OnnxReader.Read(fromPath) : null;
            var bound = original is not null ? shapes.Bind(parse, original) : ModelZoo.Build(Parse(() => Architectures.Parse(archName!)), parse.GetValue(seed));
            if (parse.GetValue(keepZeros))
            {
                bound = original is not null ? PrunedWeights.RecordCurrentZeros(bound) : throw new UsageException("--keep-zeros needs --from MODEL");
            }
            // The data is checked against the model's input before any training starts.
            var split = data.Load(parse, bound, (ulong)parse.GetValue(seed));
            var model = original is not null
                ? ShearsModel.From(bound, fromPath!)
                : ShearsModel.From(InGraphNormalization.Prepend(bound, InputStatistics.Compute(split.Train)), archName!);
            var asJson = parse.GetValue(json);
            IReadOnlyList<EpochResult> history = [];
            var tuned = TrainingDisplay.Run(output, asJson, progress => model.FineTune(split.Train, options, out history, progress));
            var trained = original is null ? tuned.Model : ShapeOptions.Unbind(tuned.Model, original);
            var metrics = ClassifierEvaluator.Evaluate(trained, split.Evaluation, engine: engine);
            OnnxWriter.Write(trained, target);
            if (asJson)
            {
                output.Out.WriteLine(TrainingReportJson.Serialize(target, history, metrics));
                return 0;
            }
            TrainingDisplay.RenderHistory(output.Console, history);
            output.Console.MarkupLine($"{split.EvaluationPart} accuracy [bold]{metrics.Accuracy * 100:0.00}%[/], loss {metrics.Loss.ToString("0.0000", CultureInfo.InvariantCulture)} on {metrics.Samples} images; wrote [bold]{Markup.Escape(target)}[/]");
            return 0;
        });
        return command;
    }

    private static T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ShearsException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static Func<IOptimizer> OptimizerFactory(string? name, float weightDecay) => (name ?? "adam").ToLowerInvariant() switch
    {
        "adam" => () => new Adam(weightDecay: weightDecay),
        "adamw" => () => new Adam(weightDecay: weightDecay == 0 ? 0.01f : weightDecay, decoupled: true),
        "sgd" => () => new Sgd(momentum: 0.9f, weightDecay: weightDecay),
        _ => throw new UsageException($"--optimizer '{name}' is not one of adam, adamw, sgd"),
    };
}
