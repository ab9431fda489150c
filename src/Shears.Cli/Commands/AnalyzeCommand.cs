using System.CommandLine;
using Shears.Analysis;
using Shears.Cli.Rendering;
using Shears.Onnx;

namespace Shears.Cli.Commands;

/// <summary>`shears analyze MODEL`: per-layer parameters, MACs and bytes, and totals.</summary>
internal sealed class AnalyzeCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "ONNX model file" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var all = new Option<bool>("--all") { Description = "List every node, including shape arithmetic folded to constants" };
        var batch = new Option<long?>("--batch") { Description = "Batch size for inputs whose first dimension is symbolic (default 1)" };
        var shapes = new ShapeOptions();

        var command = new Command("analyze", "Analyse a model's structure: per-layer shapes, parameters, MACs, weight and activation bytes.")
        {
            model, json, all, batch,
        };
        shapes.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var loaded = OnnxReader.Read(path);
            var options = shapes.Inference(parse, loaded, parse.GetValue(batch));
            var analysis = ModelAnalyzer.Analyze(loaded, options);
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(AnalysisJson.Serialize(analysis));
            }
            else
            {
                AnalysisView.Render(output.Console, Path.GetFileName(path), analysis, parse.GetValue(all));
            }
            foreach (var warning in analysis.Warnings)
            {
                output.Error.WriteLine($"warning: {warning}");
            }
            foreach (var note in ShapeOptions.Notes(analysis.Assumptions))
            {
                output.Error.WriteLine($"note: {note}");
            }
            return 0;
        });
        return command;
    }
}
