namespace Shears.IR.Inference;

/// <summary>
/// Infers the element type and shape of every value in a model, folding shape sub-graphs
/// (Shape → Gather → Concat → Reshape, as exporters write them) once input shapes are bound.
/// </summary>
public static class ShapeInference
{
    /// <summary>Infers every value's type and shape after binding the inputs as <paramref name="options"/> says.</summary>
    /// <param name="model">The model to infer; not changed.</param>
    /// <param name="options">How to bind the inputs; null uses <see cref="ShapeInferenceOptions.Default"/>.</param>
    /// <returns>The inferred values, known constants and warnings; unknown operators give warnings, not errors.</returns>
    /// <exception cref="ShapeInferenceException">The model's shapes contradict an operator's rules.</exception>
    public static ShapeInferenceResult Infer(Model model, ShapeInferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ShapeInferenceEngine(model.Graph, model.OpsetVersion, options ?? ShapeInferenceOptions.Default).Run();
    }

    /// <summary>A copy of the model whose value annotations hold every inferred type and shape.</summary>
    public static Model Annotate(Model model, ShapeInferenceResult result)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        var copy = model.Clone();
        var graph = copy.Graph;
        var declared = new HashSet<string>(graph.Inputs.Select(i => i.Name).Concat(graph.Outputs.Select(o => o.Name)), StringComparer.Ordinal);
        var existing = graph.ValueInfos.ToDictionary(v => v.Name, StringComparer.Ordinal);
        graph.ValueInfos.Clear();
        foreach (var node in graph.Nodes)
        {
            foreach (var output in node.Outputs)
            {
                if (output.Length == 0 || declared.Contains(output) || !result.Values.TryGetValue(output, out var info))
                {
                    continue;
                }
                var extras = existing.TryGetValue(output, out var old) ? old.Extras : null;
                graph.ValueInfos.Add(info with { Extras = extras });
            }
        }
        return copy;
    }

    /// <summary>
    /// A copy of the model where nodes whose outputs are all known constants are replaced by
    /// initializers. Bindings used for inference become part of the model, so fold only for a
    /// fixed input shape.
    /// </summary>
    public static Model FoldConstants(Model model, ShapeInferenceResult result)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        var copy = model.Clone();
        var graph = copy.Graph;
        var graphOutputs = graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var kept = new List<Node>(graph.Nodes.Count);
        foreach (var node in graph.Nodes)
        {
            var outputs = node.Outputs.Where(o => o.Length > 0).ToList();
            var foldable = outputs.Count > 0
                && outputs.All(o => result.ConstantValues.ContainsKey(o) && !graphOutputs.Contains(o));
            if (!foldable)
            {
                kept.Add(node);
                continue;
            }
            foreach (var output in outputs)
            {
                graph.Initializers[output] = result.ConstantValues[output].ToTensor(output);
            }
        }
        graph.Nodes.Clear();
        graph.Nodes.AddRange(kept);
        graph.RemoveUnused();
        return copy;
    }
}
