using System.CommandLine;
using Shears.Cli.Rendering;
using Shears.Evaluation;
using Shears.Evaluation.Reports;
using Shears.Hardware;
using Shears.Hardware.Host;
using Shears.Hardware.Latency;
using Shears.Onnx;
using Shears.Optimization;
using Shears.Pruning;
using Shears.Pruning.Importance;

namespace Shears.Cli.Commands;

/// <summary>
/// `shears optimize MODEL --data D --target T BUDGET -o OUT.onnx --report DIR [--resume DIR]`: the prune → fine-tune →
/// evaluate → adjust loop until the budget is met; exit code 4 when it cannot be.
/// </summary>
internal sealed class OptimizeCommand : ICliCommand
{
    /// <summary>Exit code of a run whose budget could not be met (the best model found is still written).</summary>
    public const int Unreachable = 4;

    private static readonly Dictionary<string, PruningGranularity> Granularities = new(StringComparer.Ordinal)
    {
        ["channel"] = PruningGranularity.Channel,
        ["head"] = PruningGranularity.Head,
        ["unstructured"] = PruningGranularity.Unstructured,
        ["block"] = PruningGranularity.Block,
    };

    private static readonly Dictionary<string, ImportanceCriterion> Criteria = new(StringComparer.Ordinal)
    {
        ["l1"] = ImportanceCriterion.L1,
        ["l2"] = ImportanceCriterion.L2,
        ["bn"] = ImportanceCriterion.BatchNorm,
    };

    public Command Build(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "ONNX classifier to optimise" };
        var outPath = new Option<string>("--output", "-o") { Description = "Where to write the optimised model", Required = true };
        var report = new Option<string?>("--report") { Description = "Report folder: report.json, report.md, index.html, plans and checkpoints" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run checkpointed in this report folder (same command line otherwise)" };
        var target = new Option<string>("--target") { Description = "host (measured, default) or a profile name or file (predicted)", DefaultValueFactory = _ => "host" };
        var planner = new Option<string>("--planner") { Description = PlannerNames.Choices };
        var granularity = new Option<string>("--granularity") { Description = "channel (default) | head | unstructured | block" };
        var criterion = new Option<string>("--criterion") { Description = "l1 (default) | l2 | bn" };
        var runtime = new Option<string>("--runtime") { Description = "ort (ONNX Runtime, default) | engine: where host latency is measured" };
        var threads = new Option<int>("--threads") { Description = "Threads inside one operator for latency (default 1)", DefaultValueFactory = _ => 1 };
        var iterations = new Option<int>("--iterations") { Description = "Steps of the gradual schedule (default 4)", DefaultValueFactory = _ => 4 };
        var stepEpochs = new Option<int>("--epochs-per-iteration") { Description = "Fine-tuning epochs after each step (default 1)", DefaultValueFactory = _ => 1 };
        var finalEpochs = new Option<int>("--final-epochs") { Description = "Fine-tuning epochs after the last step (default 3)", DefaultValueFactory = _ => 3 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Most fine-tuning epochs in all, retried steps included (default 10)", DefaultValueFactory = _ => 10 };
        var lr = new Option<float>("--lr") { Description = "Peak fine-tuning learning rate (default 0.002)", DefaultValueFactory = _ => 2e-3f };
        var distill = new Option<float>("--distill") { Description = "Share of the fine-tuning loss learnt from the input model's outputs, 0 to 1 (default 0: labels only; 0.7 is a common choice)", DefaultValueFactory = _ => 0f };
        var noControls = new Option<bool>("--no-controls") { Description = "Skip the dense control and the uniform baseline (faster; the report then compares with the input model only)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for planning, fine-tuning and the validation split" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var budget = new BudgetOptions();
        var data = new DataOption(defaultValidationSplit: 0.1);
        var command = new Command("optimize", "Prune, fine-tune, evaluate and adjust until a latency, MACs, parameter or size budget is met; writes the model and a report.")
        {
            model, outPath, report, resume, target, planner, granularity, criterion, runtime, threads, iterations, stepEpochs, finalEpochs, maxEpochs, lr, distill, noControls, seed, json,
        };
        budget.AddTo(command, accuracy: true);
        data.AddTo(command);
        command.SetAction(parse =>
        {
            // Everything is checked before the first file is written.
            var inputPath = parse.GetValue(model)!;
            var destination = OutputPath.DistinctFrom(parse.GetValue(outPath)!, inputPath);
            var (folder, resuming) = ReportFolder(parse.GetValue(report), parse.GetValue(resume));
            var chosenBudget = budget.Budget(parse);
            var settings = new LatencySettings
            {
                Runtime = RuntimeOption.Parse(parse.GetValue(runtime)),
                Threads = parse.GetValue(threads) >= 1 ? parse.GetValue(threads) : throw new UsageException($"--threads {parse.GetValue(threads)} must be at least 1"),
            };
            var chosenPlanner = PlannerNames.Find(parse.GetValue(planner));
            var options = new OptimizationOptions
            {
                Budget = chosenBudget,
                MaxAccuracyDrop = budget.MaxAccuracyDrop(parse),
                Iterations = parse.GetValue(iterations),
                EpochsPerIteration = parse.GetValue(stepEpochs),
                FinalEpochs = parse.GetValue(finalEpochs),
                MaxEpochs = parse.GetValue(maxEpochs),
                LearningRate = parse.GetValue(lr),
                DistillationWeight = parse.GetValue(distill) is >= 0 and <= 1 and var weight ? weight : throw new UsageException($"--distill {parse.GetValue(distill)} must be between 0 and 1"),
                DenseControl = !parse.GetValue(noControls),
                UniformBaseline = !parse.GetValue(noControls),
                Seed = parse.GetValue(seed),
                Latency = settings,
                Engine = EngineOption.Resolve(),
                Pruning = new PruningOptions
                {
                    Granularity = EnumOption.Parse("--granularity", parse.GetValue(granularity), Granularities, PruningGranularity.Channel),
                    Criterion = EnumOption.Parse("--criterion", parse.GetValue(criterion), Criteria, ImportanceCriterion.L1),
                    Seed = parse.GetValue(seed),
                },
            };
            options.Validate();
            var original = OnnxReader.Read(inputPath);
            ClassifierOutput.Require(original);
            var split = data.Load(parse, original, parse.GetValue(seed));
            if (split.Validation is null)
            {
                throw new UsageException("optimize needs a validation split to decide on: --validation-split must be above 0");
            }
            var hardware = HardwareTargets.Named(parse.GetValue(target)!);
            var (costs, measured, predicted) = LatencySetup.For(hardware, settings, chosenBudget.Batches);
            var optimizer = new Optimizer(chosenPlanner, hardware, costs, measured, predicted);
            var result = ProgressDisplay.Run(output, "optimising", parse.GetValue(json), progress => optimizer.Run(new OptimizationRun
            {
                Model = original,
                Name = Path.GetFileName(inputPath),
                Train = split.Train,
                Validation = split.Validation,
                Test = split.Test ?? split.Validation,
                Options = options,
                Folder = folder,
                Resume = resuming,
                Machine = CpuIdentity.Describe(hardware),
            }, progress));
            OnnxWriter.Write(result.Model, destination);
            OptimizationReportWriter.Write(result.Report, folder);
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(OptimizationReportJson.Serialize(result.Report));
            }
            else
            {
                OptimizeView.Render(output.Console, result.Report, destination, folder);
            }
            return result.Report.BudgetMet ? 0 : Unreachable;
        });
        return command;
    }

    private static (string Folder, bool Resume) ReportFolder(string? report, string? resume)
    {
        if (resume is not null)
        {
            if (report is not null && Path.GetFullPath(report) != Path.GetFullPath(resume))
            {
                throw new UsageException("--resume DIR continues the run reported in DIR; give --report DIR or --resume DIR, not two folders");
            }
            return (resume, true);
        }
        return report is not null ? (report, false) : throw new UsageException("--report DIR is needed: the run keeps its checkpoints and report there");
    }
}
