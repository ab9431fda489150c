using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Shears.Data;
using Shears.Evaluation;
using Shears.Onnx;
using Spectre.Console;

namespace Shears.Cli.Commands;

/// <summary>`shears evaluate MODEL --data fashion-mnist`: accuracy, loss and engine latency at batch 1 and 128.</summary>
internal sealed class EvaluateCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "ONNX classifier taking 1×28×28 (or 784) inputs" };
        var data = new Option<string>("--data") { Description = "fashion-mnist (default location) or a folder with MNIST-format IDX files", DefaultValueFactory = _ => "fashion-mnist" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var batch = new Option<int>("--batch") { Description = "Batch size for the accuracy pass", DefaultValueFactory = _ => 256 };
        var threads = new Option<int?>("--threads") { Description = "Engine threads (default: all cores)" };
        var command = new Command("evaluate", "Evaluate a classifier: test accuracy and loss, and latency per batch of 1 and of 128.")
        {
            model, data, json, batch, threads,
        };
        command.SetAction(parse =>
        {
            var engine = EngineOption.Resolve(parse.GetValue(threads));
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                throw new UsageException($"--batch {batchSize} must be at least 1");
            }
            var path = parse.GetValue(model)!;
            var loaded = OnnxReader.Read(path);
            var test = DataOption.Load(parse.GetValue(data)).Test;
            var metrics = ClassifierEvaluator.Evaluate(loaded, test, batchSize, engine: engine);
            IBatchSource source = test;
            var one = EngineLatency.Measure(loaded, source.SampleShape, 1, engine: engine);
            var many = EngineLatency.Measure(loaded, source.SampleShape, 128, engine: engine);
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    model = path,
                    samples = metrics.Samples,
                    accuracy = metrics.Accuracy,
                    loss = metrics.Loss,
                    latencyMsBatch1 = one.MedianMs,
                    latencyMsBatch128 = many.MedianMs,
                    p90MsBatch1 = one.P90Ms,
                    p90MsBatch128 = many.P90Ms,
                    threads = engine.EffectiveThreads,
                }, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(Path.GetFileName(path))}[/]");
            table.AddColumn("");
            table.AddColumn("Value", c => c.RightAligned());
            table.AddRow("Test images", metrics.Samples.ToString(CultureInfo.InvariantCulture));
            table.AddRow("Accuracy", (metrics.Accuracy * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%");
            table.AddRow("Loss", metrics.Loss.ToString("0.0000", CultureInfo.InvariantCulture));
            table.AddRow("Latency, batch 1 (median)", one.MedianMs.ToString("0.000", CultureInfo.InvariantCulture) + " ms");
            table.AddRow("Latency, batch 128 (median)", many.MedianMs.ToString("0.000", CultureInfo.InvariantCulture) + " ms");
            table.AddRow("Engine threads", engine.EffectiveThreads.ToString(CultureInfo.InvariantCulture));
            output.Console.Write(table);
            return 0;
        });
        return command;
    }
}
