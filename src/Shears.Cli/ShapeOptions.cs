using System.CommandLine;
using System.Globalization;
using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Cli;

/// <summary>
/// The `--input-shape NAME=1x3x224x224` and `--dim NAME=V` options every command that analyses a
/// model shares: parsed once here, then given to the library as inference bindings (analysis,
/// pruning) or as the model's declared input shapes (commands that run the model).
/// </summary>
internal sealed class ShapeOptions
{
    private readonly Option<string[]> _inputShapes = new("--input-shape")
    {
        Description = "Shape of an input, NAME=1x3x224x224 (repeatable; NAME may be omitted for a single input)",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _dims = new("--dim") { Description = "Value of a named symbolic dimension, NAME=VALUE (repeatable)" };

    /// <summary>Adds both options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_inputShapes);
        command.Options.Add(_dims);
    }

    /// <summary>Bindings for shape inference; <paramref name="batch"/> sizes symbolic first dimensions not given otherwise.</summary>
    public ShapeInferenceOptions Inference(ParseResult parse, Model model, long? batch = null)
    {
        var runtimeInputs = model.Graph.RuntimeInputs.ToList();
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var text in parse.GetValue(_inputShapes) ?? [])
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
        foreach (var text in parse.GetValue(_dims) ?? [])
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

    /// <summary>The model with its declared input shapes bound as given, for commands that feed it data.</summary>
    public Model Bind(ParseResult parse, Model model)
    {
        var options = Inference(parse, model);
        if (options.InputShapes.Count == 0 && options.DimBindings.Count == 0)
        {
            return model;
        }
        var copy = model.Clone();
        var inputs = copy.Graph.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var shape = options.InputShapes.TryGetValue(input.Name, out var given) ? given : input.Shape;
            if (shape is null || copy.Graph.IsInitializer(input.Name))
            {
                continue;
            }
            var bound = shape.Select(d => d.Symbol is { } s && options.DimBindings.TryGetValue(s, out var v) ? Dim.Of(v) : d);
            inputs[i] = input with { Shape = new Shape(bound) };
        }
        return copy;
    }

    /// <summary>The result's graph inputs declared as in <paramref name="original"/> again, so a bound size does not stay in a written model.</summary>
    public static Model Unbind(Model result, Model original)
    {
        var declared = original.Graph.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var inputs = result.Graph.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (declared.TryGetValue(inputs[i].Name, out var before) && !result.Graph.IsInitializer(before.Name))
            {
                inputs[i] = before;
            }
        }
        return result;
    }

    /// <summary>One line per dimension that got a representative size, naming the option that sets it.</summary>
    public static IEnumerable<string> Notes(IEnumerable<DimAssumption> assumptions) =>
        assumptions.Select(a => $"{a} assumed for MACs, bytes and latency; pass {(a.Symbol is { } s ? $"--dim {s}=V" : $"--input-shape {a.Input}=...")} to choose");
}
