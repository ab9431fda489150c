using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Analysis;

/// <summary>Computes a <see cref="ModelAnalysis"/>: infers shapes at a bound input shape, then counts parameters, MACs and bytes per node.</summary>
public static class ModelAnalyzer
{
    /// <summary>Infers shapes with <paramref name="options"/>, then analyses the model.</summary>
    /// <param name="model">The model to analyse; not changed.</param>
    /// <param name="options">How to bind the inputs; null uses <see cref="ShapeInferenceOptions.Default"/> (batch 1, other symbolic dimensions 224).</param>
    /// <returns>Per-layer and total parameters, MACs and bytes.</returns>
    /// <exception cref="ShapeInferenceException">The model's shapes contradict an operator's rules.</exception>
    public static ModelAnalysis Analyze(Model model, ShapeInferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var inference = ShapeInference.Infer(model, options);
        return Analyze(model, inference);
    }

    /// <summary>Analyses the model using shapes already inferred for it (saves inferring twice).</summary>
    /// <param name="model">The model to analyse; not changed.</param>
    /// <param name="inference">Shape inference of this same model.</param>
    /// <returns>Per-layer and total parameters, MACs and bytes.</returns>
    public static ModelAnalysis Analyze(Model model, ShapeInferenceResult inference)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inference);
        var graph = model.Graph;
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var constants = inference.ConstantNames.ToHashSet(StringComparer.Ordinal);
        var layers = new List<LayerCost>(graph.Nodes.Count);
        var unknownMacs = 0;
        var aliases = InitializerAliases(graph);
        foreach (var node in graph.Nodes)
        {
            long parameters = 0;
            long weightBytes = 0;
            // Exporters alias shared weights through Identity; the weight is charged to the real reader.
            var isAlias = node.OpType == "Identity" && node.Outputs.Count > 0 && aliases.ContainsKey(node.Outputs[0]);
            var reads = isAlias ? [] : node.Inputs.Select(i => aliases.GetValueOrDefault(i, i));
            foreach (var input in reads)
            {
                if (input.Length == 0 || graph.FindInitializer(input) is not { } tensor || !claimed.Add(input))
                {
                    continue;
                }
                weightBytes += tensor.ByteCount;
                if (DataTypes.IsFloatingPoint(tensor.ElementType))
                {
                    parameters += tensor.ElementCount;
                }
            }
            if (ConstantNodes.StoredData(node) is { } held)
            {
                // A weight held in a Constant node (converter style) is a parameter like an initializer.
                weightBytes += held.ByteCount;
                parameters += DataTypes.IsFloatingPoint(held.ElementType) ? held.ElementCount : 0;
            }
            var inputs = node.Inputs.Select(i => i.Length == 0 ? null : inference.ShapeOf(i)).ToList();
            var outputs = node.Outputs.Select(o => o.Length == 0 ? null : inference.ShapeOf(o)).ToList();
            var macs = MacCounter.Count(node, inputs, outputs);
            if (macs is null)
            {
                unknownMacs++;
            }
            layers.Add(new LayerCost
            {
                Name = node.DisplayName,
                Op = node.IsStandard ? node.OpType : $"{node.Domain}.{node.OpType}",
                Category = OpTraits.CategoryOf(node),
                InputShapes = inputs,
                OutputShapes = outputs,
                Parameters = parameters,
                Macs = macs,
                WeightBytes = weightBytes,
                ActivationBytes = OutputBytes(node, inference),
                IsConstant = node.Outputs.Where(o => o.Length > 0).All(constants.Contains),
            });
        }

        // Initializers no node reads still take space in the file; they count in the totals.
        var stored = graph.Initializers.Values.Concat(graph.Nodes.Select(ConstantNodes.StoredData).OfType<Tensor>()).ToList();
        var parametersTotal = stored.Where(t => DataTypes.IsFloatingPoint(t.ElementType)).Sum(t => t.ElementCount);
        var bytesTotal = stored.Sum(t => t.ByteCount);
        return new ModelAnalysis
        {
            GraphName = graph.Name,
            Producer = string.Join(" ", new[] { model.ProducerName, model.ProducerVersion }.Where(s => s.Length > 0)),
            Opset = model.OpsetVersion,
            Inputs = [.. graph.RuntimeInputs.Select(i => inference.Find(i.Name) ?? i)],
            Outputs = [.. graph.Outputs.Select(o => inference.Find(o.Name) ?? o)],
            Layers = layers,
            Parameters = parametersTotal,
            Macs = TotalMacs(layers),
            WeightBytes = bytesTotal,
            ActivationBytes = layers.Sum(l => l.ActivationBytes ?? 0),
            UnknownMacLayers = unknownMacs,
            Warnings = inference.Warnings,
            Assumptions = inference.Assumptions,
        };
    }

    /// <summary>Outputs of Identity chains that start at an initializer, mapped to that initializer.</summary>
    private static Dictionary<string, string> InitializerAliases(Graph graph)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.OpType != "Identity" || node.Input(0) is not { } source || node.Outputs.Count != 1)
            {
                continue;
            }
            var root = aliases.GetValueOrDefault(source, source);
            if (graph.IsInitializer(root))
            {
                aliases[node.Outputs[0]] = root;
            }
        }
        return aliases;
    }

    private static long? OutputBytes(Node node, ShapeInferenceResult inference)
    {
        long total = 0;
        foreach (var output in node.Outputs)
        {
            if (output.Length == 0)
            {
                continue;
            }
            if (inference.Find(output) is not { Shape.ElementCount: { } count } info)
            {
                return null;
            }
            total += DataTypes.ByteCount(info.ElementType, count);
        }
        return total;
    }

    // Absurd input sizes (a batch of 2^40) make the total overflow; that is the model's shapes, not a bug.
    private static long TotalMacs(IEnumerable<LayerCost> layers)
    {
        try
        {
            return layers.Sum(l => l.Macs ?? 0);
        }
        catch (OverflowException e)
        {
            throw new ShearsException("the model's MAC count is too large for a 64-bit count; are its input sizes right?", e);
        }
    }
}
