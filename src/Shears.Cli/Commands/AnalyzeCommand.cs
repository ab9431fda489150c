using System.CommandLine;
using System.Globalization;
using Shears.Analysis;
using Shears.Cli.Rendering;
using Shears.IR;
using Shears.IR.Inference;
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
        var inputShapes = new Option<string[]>("--input-shape")
        {
            Description = "Shape of an input, NAME=1x3x224x224 (repeatable; NAME may be omitted for a single input)",
            AllowMultipleArgumentsPerToken = false,
        };
        var batch = new Option<long?>("--batch") { Description = "Batch size for inputs whose first dimension is symbolic (default 1)" };
        var dims = new Option<string[]>("--dim") { Description = "Value of a named symbolic dimension, NAME=VALUE (repeatable)" };

        var command = new Command("analyze", "Analyse a model's structure: per-layer shapes, parameters, MACs, weight and activation bytes.")
        {
            model, json, all, inputShapes, batch, dims,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var loaded = OnnxReader.Read(path);
            var options = BuildOptions(loaded, parse.GetValue(inputShapes) ?? [], parse.GetValue(batch), parse.GetValue(dims) ?? []);
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
            return 0;
        });
        return command;
    }

    internal static ShapeInferenceOptions BuildOptions(Model model, string[] inputShapes, long? batch, string[] dims)
    {
        var runtimeInputs = model.Graph.RuntimeInputs.ToList();
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var text in inputShapes)
        {
            var (name, shape) = OptionParsing.InputShape(text);
            if (name is null)
            {
                if (runtimeInputs.Count != 1)
                {
                    throw new UsageException($"--input-shape '{text}' needs NAME= because the model has {runtimeInputs.Count} inputs ({string.Join(", ", runtimeInputs.Select(i => i.Name))})");
                }
                name = runtimeInputs[0].Name;
            }
            if (runtimeInputs.All(i => i.Name != name))
            {
                throw new UsageException($"--input-shape: the model has no input '{name}' (inputs: {string.Join(", ", runtimeInputs.Select(i => i.Name))})");
            }
            shapes[name] = shape;
        }
        if (batch is { } b)
        {
            if (b <= 0)
            {
                throw new UsageException($"--batch {b}: must be a positive integer");
            }
            foreach (var input in runtimeInputs.Where(i => !shapes.ContainsKey(i.Name) && i.Shape is { Rank: > 0 } s && !s[0].IsKnown))
            {
                shapes[input.Name] = input.Shape!.With(0, b);
            }
        }
        var bindings = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in dims)
        {
            var parts = text.Split('=', 2);
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
            {
                throw new UsageException($"--dim '{text}': expected NAME=VALUE with a positive VALUE");
            }
            bindings[parts[0]] = v;
        }
        return new ShapeInferenceOptions { InputShapes = shapes, DimBindings = bindings };
    }
}
