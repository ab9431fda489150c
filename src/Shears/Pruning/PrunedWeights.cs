using System.Text.Json;
using Shears.IR;

namespace Shears.Pruning;

/// <summary>
/// Which weight entries pruning removed (zeroed), recorded in the model's metadata under <see cref="MetadataKey"/>, so
/// fine-tuning keeps exactly those at zero — not every weight that happens to be zero — even when the model was pruned
/// in an earlier run and comes back as an ONNX file.
/// </summary>
public static class PrunedWeights
{
    /// <summary>The ONNX metadata key: a JSON object from initializer name to its pruned positions (bits, deflated, base64).</summary>
    public const string MetadataKey = "shears.pruned-weights";

    /// <summary>The keep-mask (true = kept) of every weight pruning zeroed in <paramref name="model"/>; empty when none is recorded.</summary>
    /// <exception cref="ShearsException">The entry is corrupt or does not fit the model's weights.</exception>
    public static IReadOnlyDictionary<string, bool[]> Read(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entry = model.Metadata.FindLast(kv => kv.Key == MetadataKey);
        var masks = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        if (entry.Key is null)
        {
            return masks;
        }
        try
        {
            using var document = JsonDocument.Parse(entry.Value);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var tensor = model.Graph.FindInitializer(property.Name)
                    ?? throw new ShearsException($"the model's '{MetadataKey}' metadata names weight '{property.Name}', which the model does not have");
                var pruned = MaskCodec.Decode(property.Value.GetString() ?? "", tensor.ElementCount);
                masks[property.Name] = [.. pruned.Select(p => !p)];
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ShearsException)
        {
            throw new ShearsException(e is ShearsException && e.Message.Contains(MetadataKey, StringComparison.Ordinal)
                ? e.Message
                : $"the model's '{MetadataKey}' metadata is corrupt: {e.Message}", e);
        }
        return masks;
    }

    /// <summary>
    /// A copy of <paramref name="model"/> whose metadata records every entry that is zero now in its float weights
    /// (tensors of more than one element) as pruned, together with what it already records: for a model pruned by
    /// another tool, which leaves no record, so fine-tuning keeps its zeros.
    /// </summary>
    public static Model RecordCurrentZeros(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var earlier = Read(model);
        var indicator = Indicator(model, (name, tensor) =>
        {
            var values = tensor.ToFloats();
            var keep = earlier.GetValueOrDefault(name);
            return i => values[i] != 0f && (keep?[i] ?? true);
        });
        return WithRecord(model, indicator, model);
    }

    /// <summary>
    /// <paramref name="pruned"/> (the result of applying <paramref name="plan"/> to <paramref name="original"/>) with
    /// its metadata naming every entry the plan zeroed, together with those recorded in <paramref name="original"/>,
    /// followed through any channels the plan removed. The positions are found by applying the plan to a copy of
    /// the model whose float weights are 1 where kept and 0 where already pruned, so they do not depend on the values.
    /// </summary>
    internal static Model Record(Model original, Model pruned, PruningPlan plan, Func<Model, PruningPlan, Model> apply)
    {
        var earlier = Read(original);
        var indicator = Indicator(original, (name, _) => earlier.GetValueOrDefault(name) is { } keep ? i => keep[i] : _ => true);
        return WithRecord(pruned, apply(indicator, plan), original);
    }

    // The model with a record of the zeros of `indicator`'s float weights that exist in `result` and in `original`.
    private static Model WithRecord(Model result, Model indicator, Model original)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, tensor) in indicator.Graph.Initializers)
            {
                if (tensor.ElementType != DataType.Float || !result.Graph.Initializers.ContainsKey(name) || !original.Graph.Initializers.ContainsKey(name))
                {
                    continue;
                }
                var values = tensor.ToFloats();
                if (Array.IndexOf(values, 0f) >= 0)
                {
                    writer.WriteString(name, MaskCodec.Encode([.. values.Select(v => v == 0f)]));
                }
            }
            writer.WriteEndObject();
        }
        var json = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        var copy = result.Clone();
        copy.Metadata.RemoveAll(kv => kv.Key == MetadataKey);
        if (json != "{}")
        {
            copy.Metadata.Add(new(MetadataKey, json));
        }
        return copy;
    }

    // A copy whose float weights are 1 where `keptOf` says so and 0 elsewhere; scalars keep their values.
    private static Model Indicator(Model model, Func<string, Tensor, Predicate<int>> keptOf)
    {
        var indicator = model.Clone();
        foreach (var (name, tensor) in model.Graph.Initializers)
        {
            if (tensor.ElementType == DataType.Float && !InertConstant(tensor))
            {
                var kept = keptOf(name, tensor);
                var ones = new float[tensor.ElementCount];
                for (var i = 0; i < ones.Length; i++)
                {
                    ones[i] = kept(i) ? 1f : 0f;
                }
                indicator.Graph.Initializers[name] = Tensor.FromFloats(name, tensor.Dims, ones);
            }
        }
        return indicator;
    }

    // Scalars (epsilons, scales) are never pruned; leaving their values keeps the indicator model meaningful.
    private static bool InertConstant(Tensor tensor) => tensor.ElementCount <= 1;
}
