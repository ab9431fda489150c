using System.CommandLine;
using Shears.Cli.Rendering;
using Shears.Evaluation;
using Shears.Onnx;

namespace Shears.Cli.Commands;

/// <summary>`shears evaluate MODEL --data fashion-mnist`: accuracy, loss and engine latency at batch 1 and 128.</summary>
internal sealed class EvaluateCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "ONNX classifier taking 1×28×28 (or 784) inputs" };
        var data = new DataOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var batch = new Option<int>("--batch") { Description = "Batch size for the accuracy pass", DefaultValueFactory = _ => 256 };
        var threads = new Option<int?>("--threads") { Description = "Engine threads (default: all cores)" };
        var shapes = new ShapeOptions();
        var command = new Command("evaluate", "Evaluate a classifier: test accuracy and loss, and latency per batch of 1 and of 128.")
        {
            model, json, batch, threads,
        };
        shapes.AddTo(command);
        data.AddTo(command);
        command.SetAction(parse =>
        {
            var engine = EngineOption.Resolve(parse.GetValue(threads));
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                throw new UsageException($"--batch {batchSize} must be at least 1");
            }
            var path = parse.GetValue(model)!;
            var loaded = shapes.Bind(parse, OnnxReader.Read(path));
            var test = data.Load(parse, loaded).Evaluation;
            var report = ProgressDisplay.Run(output, "evaluating", parse.GetValue(json), progress => EvaluationReport.Measure(loaded, path, test, batchSize, engine, progress));
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(EvaluationReportJson.Serialize(report));
            }
            else
            {
                EvaluationView.Render(output.Console, report);
            }
            return 0;
        });
        return command;
    }
}
