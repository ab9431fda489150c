using System.CommandLine;
using Shears.Cli.Rendering;
using Shears.Hardware;
using Shears.Hardware.Host;
using Shears.Hardware.Latency;
using Shears.IO;
using Shears.Onnx;
using Shears.OnnxRuntime.Profiling;
using Shears.Pruning;
using Shears.Strategy;
using Spectre.Console;

namespace Shears.Cli.Commands;

/// <summary>
/// `shears plan MODEL --target T &lt;budget&gt; [--planner latency|uniform] [--runtime ort|engine] [--threads T] [--json] [-o PLAN.json]`:
/// designs a plan for the budget and shows it per layer and in total, without writing a model. Exit 4 when the budget is out of reach.
/// </summary>
internal sealed class PlanCommand : ICliCommand
{
    /// <summary>The exit code of a plan that does not reach its budget (the best one found is still shown and written).</summary>
    public const int Unreachable = 4;

    public Command Build(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "ONNX model to plan for" };
        var target = new Option<string>("--target") { Description = "Hardware profile name or file (default host: latency measured here)" };
        var planner = new Option<string>("--planner") { Description = PlannerNames.Choices };
        var runtime = new Option<string>("--runtime") { Description = "ort (ONNX Runtime, default) | engine: where host latency is measured" };
        var threads = new Option<int>("--threads") { Description = "Threads inside one operator (default 1)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var outPath = new Option<string>("--output", "-o") { Description = "Write the plan as JSON, for `shears prune --plan`" };
        var budget = new BudgetOptions();
        var shapes = new ShapeOptions();
        var command = new Command("plan", "Design a pruning plan for a budget on a target and show it per layer, without applying it.")
        {
            model, target, planner, runtime, threads, json, outPath,
        };
        budget.AddTo(command, accuracy: false);
        shapes.AddTo(command);
        command.SetAction(parse =>
        {
            var chosenBudget = budget.Budget(parse);
            var chosenPlanner = PlannerNames.Find(parse.GetValue(planner));
            var settings = new LatencySettings
            {
                Runtime = RuntimeOption.Parse(parse.GetValue(runtime)),
                Threads = Positive(parse.GetValue(threads)),
            };
            var planFile = parse.GetValue(outPath) is { } p ? OutputPath.Writable(p) : null;
            var inputPath = parse.GetValue(model)!;
            var original = OnnxReader.Read(inputPath);
            var bindings = shapes.Inference(parse, original);
            var targetName = parse.GetValue(target) ?? ProfileCatalog.HostName;
            var isHost = string.Equals(targetName, ProfileCatalog.HostName, StringComparison.OrdinalIgnoreCase);
            var profile = isHost
                ? ProgressDisplay.Run(output, "host", parse.GetValue(json), progress => new HostDetector().Detect(progress: progress))
                : HardwareTargets.Named(targetName);
            // The host is measured; another target can only be predicted, from its tables or its datasheet roofline.
            var predictor = LatencyModels.ForTarget(profile, settings with { Batch = chosenBudget.Batches[0] }, isHost ? LatencyTableStore.Default() : null);
            ILatencyModel? latency = chosenBudget.Kind != BudgetKind.Latency ? null
                : isHost ? new MeteredLatencyModel(settings.Runtime == LatencyRuntime.Engine ? new EngineLatencyMeter(EngineOption.Resolve(settings.Threads)) : new OrtLatencyMeter())
                : predictor;
            var request = new PlanningRequest
            {
                Model = original,
                Target = profile,
                Budget = chosenBudget,
                Costs = new CostMeter(latency, settings, chosenBudget.Batches),
                Predictor = predictor,
                Options = new PruningOptions { Shapes = bindings },
            };
            var result = ProgressDisplay.Run(output, "planning", parse.GetValue(json), progress => chosenPlanner.Plan(request, progress));
            var summary = PlanSummary.Of(request, result, predictor);
            if (planFile is not null)
            {
                AtomicFile.WriteText(planFile, PlanJson.Serialize(result.Plan));
            }
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(summary.ToJson());
            }
            else
            {
                PlanView.Render(output.Console, summary);
                if (planFile is not null)
                {
                    output.Console.MarkupLine($"wrote plan [bold]{Markup.Escape(planFile)}[/]");
                }
            }
            if (!result.Met)
            {
                output.Error.WriteLine($"budget not reached: the best plan found is {CostMeter.Ratio(result.Cost, result.Reference, chosenBudget):0.###}× of the limit for {chosenBudget}");
                return Unreachable;
            }
            return 0;
        });
        return command;
    }

    private static int Positive(int threads) => threads >= 1 ? threads : throw new UsageException($"--threads {threads} must be at least 1");
}
