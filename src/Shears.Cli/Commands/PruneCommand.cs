using System.CommandLine;
using System.Globalization;
using Shears.Cli.Rendering;
using Shears.IO;
using Shears.Onnx;
using Shears.Pruning;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;
using Spectre.Console;

namespace Shears.Cli.Commands;

/// <summary>`shears prune MODEL -o OUT ...`: prunes at any granularity and prints a before/after comparison.</summary>
internal sealed class PruneCommand : ICliCommand
{
    private static readonly Dictionary<string, PruningGranularity> Granularities = new(StringComparer.Ordinal)
    {
        ["unstructured"] = PruningGranularity.Unstructured,
        ["n:m"] = PruningGranularity.NM,
        ["block"] = PruningGranularity.Block,
        ["channel"] = PruningGranularity.Channel,
        ["head"] = PruningGranularity.Head,
        ["layer"] = PruningGranularity.Layer,
    };

    private static readonly Dictionary<string, ImportanceCriterion> Criteria = new(StringComparer.Ordinal)
    {
        ["l1"] = ImportanceCriterion.L1,
        ["l2"] = ImportanceCriterion.L2,
        ["taylor"] = ImportanceCriterion.Taylor,
        ["bn"] = ImportanceCriterion.BatchNorm,
        ["random"] = ImportanceCriterion.Random,
    };

    private static readonly Dictionary<string, PruningScope> Scopes = new(StringComparer.Ordinal)
    {
        ["local"] = PruningScope.Local,
        ["global"] = PruningScope.Global,
    };

    private static readonly Dictionary<string, StructuredMode> Modes = new(StringComparer.Ordinal)
    {
        ["remove"] = StructuredMode.Remove,
        ["mask"] = StructuredMode.Mask,
    };

    public Command Build(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "ONNX model to prune" };
        var outPath = new Option<string>("--output", "-o") { Description = "Where to write the pruned model", Required = true };
        var granularity = new Option<string>("--granularity") { Description = "unstructured | n:m | block | channel | head | layer (default channel)" };
        var criterion = new Option<string>("--criterion") { Description = "l1 | l2 | taylor | bn | random (default l1)" };
        var ratio = new Option<double?>("--ratio") { Description = "Fraction to remove, 0 ≤ R < 1" };
        var threshold = new Option<float?>("--threshold") { Description = "Unstructured: zero every weight with |w| below T" };
        var n = new Option<int?>("--n") { Description = "N:M: weights kept of every M" };
        var m = new Option<int?>("--m") { Description = "N:M: group size" };
        var block = new Option<string>("--block") { Description = "Block shape RxC, e.g. 1x16, 4x4" };
        var scope = new Option<string>("--scope") { Description = "local (per layer) | global (across layers)" };
        var roundTo = new Option<int>("--round-to") { Description = "Round kept channels to a multiple of K", DefaultValueFactory = _ => 1 };
        var ignore = new Option<string[]>("--ignore") { Description = "Node names to leave untouched", AllowMultipleArgumentsPerToken = true };
        var data = new DataOption(fashionMnistByDefault: false);
        var samples = new Option<int>("--samples") { Description = "Samples for taylor gradients", DefaultValueFactory = _ => 512 };
        var plan = new Option<string>("--plan") { Description = "Apply a saved plan instead of deciding" };
        var savePlan = new Option<string>("--save-plan") { Description = "Write the applied plan as JSON" };
        var mode = new Option<string>("--mode") { Description = "remove (default for channel/head/layer) | mask" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the random criterion and data sampling" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary instead of tables" };
        var shapes = new ShapeOptions();

        var command = new Command("prune", "Prune a model: weights, N:M or blocks (masked), or channels, heads and layers (removed).")
        {
            model, outPath, granularity, criterion, ratio, threshold, n, m, block, scope, roundTo, ignore, samples, plan, savePlan, mode, seed, json,
        };
        shapes.AddTo(command);
        data.AddTo(command);
        command.SetAction(parse =>
        {
            var inputPath = parse.GetValue(model)!;
            var target = OutputPath.DistinctFrom(parse.GetValue(outPath)!, inputPath);
            var original = OnnxReader.Read(inputPath);
            var bindings = shapes.Inference(parse, original);
            PruningPlan chosen;
            if (parse.GetValue(plan) is { } planPath)
            {
                chosen = PlanJson.Load(planPath);
            }
            else
            {
                var (rows, cols) = ParseBlock(parse.GetValue(block));
                var options = new PruningOptions
                {
                    Granularity = EnumOption.Parse("--granularity", parse.GetValue(granularity), Granularities, PruningGranularity.Channel),
                    Criterion = EnumOption.Parse("--criterion", parse.GetValue(criterion), Criteria, ImportanceCriterion.L1),
                    Ratio = parse.GetValue(ratio),
                    Threshold = parse.GetValue(threshold),
                    N = parse.GetValue(n),
                    M = parse.GetValue(m),
                    BlockRows = rows,
                    BlockColumns = cols,
                    Scope = EnumOption.Parse("--scope", parse.GetValue(scope), Scopes, PruningScope.Local),
                    RoundTo = parse.GetValue(roundTo),
                    Ignore = parse.GetValue(ignore) ?? [],
                    Mode = parse.GetValue(mode) is { } modeText ? EnumOption.Parse("--mode", modeText, Modes, StructuredMode.Remove) : null,
                    Seed = parse.GetValue(seed),
                    Shapes = bindings,
                };
                options.Validate();
                IReadOnlyDictionary<string, float[]>? gradients = null;
                if (options.Criterion == ImportanceCriterion.Taylor)
                {
                    var split = data.IsGiven(parse) ? data.Load(parse, original, parse.GetValue(seed)) : throw new UsageException("--criterion taylor needs --data");
                    gradients = GradientSampler.Compute(original, split.Train, parse.GetValue(samples), seed: options.Seed, engine: EngineOption.Resolve());
                }
                chosen = Pruner.Plan(original, options, gradients);
            }
            var pruned = Pruner.Apply(original, chosen, bindings);
            var report = PruneReport.Of(chosen, original, pruned, bindings);
            if (chosen.RemovesNothing && !chosen.AsksNothing)
            {
                // One error line, so the reasons travel inside it rather than as notes before it.
                var reasons = chosen.Notes.Where(note => !note.StartsWith("uniform ratio", StringComparison.Ordinal)).ToList();
                var why = reasons.Count == 0 ? "no unit scored low enough at this ratio"
                    : string.Join("; ", reasons.Take(3)) + (reasons.Count > 3 ? $"; and {reasons.Count - 3} more" : "");
                throw new ShearsException($"nothing was pruned ({why}); no output was written");
            }
            foreach (var note in chosen.Notes.Concat(ShapeOptions.Notes(report.Before.Assumptions)))
            {
                output.Error.WriteLine($"note: {note}");
            }
            OnnxWriter.Write(pruned, target);
            if (parse.GetValue(savePlan) is { } savePath)
            {
                AtomicFile.WriteText(savePath, PlanJson.Serialize(chosen));
            }
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(PruneReportJson.Serialize(report));
            }
            else
            {
                PruneView.Render(output.Console, report);
                output.Console.MarkupLine($"wrote [bold]{Markup.Escape(target)}[/]");
            }
            return 0;
        });
        return command;
    }

    private static (int Rows, int Cols) ParseBlock(string? text)
    {
        if (text is null)
        {
            return (1, 16);
        }
        var parts = text.Split('x', 'X');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) || r < 1 || c < 1)
        {
            throw new UsageException($"--block '{text}' must be RxC with positive R and C, e.g. 1x16");
        }
        return (r, c);
    }
}
