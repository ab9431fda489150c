using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// Predicts from latency tables measured on the target: each convolution and linear layer is read
/// from the table of its shape class at its channel counts, and takes at least the time to stream
/// its weights from memory (tables are timed with warm caches); layers without a table, and every
/// setting the table was not measured at, fall back to the analytic model.
/// </summary>
public sealed class MeasuredLatencyModel : ILatencyModel
{
    private readonly Dictionary<LayerTable, LayerTableReader> _readers = [];

    /// <summary>A model reading <paramref name="table"/>, with <paramref name="fallback"/> for what the table does not cover.</summary>
    public MeasuredLatencyModel(LatencyTable table, AnalyticLatencyModel fallback)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fallback);
        Table = table;
        Fallback = fallback;
    }

    /// <summary>The measured tables predictions are read from.</summary>
    public LatencyTable Table { get; }

    /// <summary>The roofline for layers without a table and for settings the table was not measured at.</summary>
    public AnalyticLatencyModel Fallback { get; }

    /// <inheritdoc/>
    public LatencyPrediction Predict(Model model, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings != Table.Settings)
        {
            return Fallback.Predict(model, settings) with
            {
                Method = $"analytic roofline for '{Fallback.Profile.Name}' (no table measured at {settings.Key})",
            };
        }
        var layers = ModelLayers.Read(model, settings).Select(layer => Predict(layer, settings)).ToList();
        // Dispatch is measured per runtime node; fused nodes are not dispatched.
        var dispatched = layers.Count(layer => layer.Source != LatencySource.Fused);
        return new LatencyPrediction
        {
            Settings = settings,
            Method = $"tables measured on host {Table.Fingerprint} ({settings.Key}), analytic where no table applies",
            Layers = layers,
            OverheadMs = Fallback.Constants.RunOverheadMs + (dispatched * (Table.NodeOverheadMs() ?? Fallback.Constants.NodeOverheadMs)),
        };
    }

    private LayerLatency Predict(ModelLayer layer, LatencySettings settings)
    {
        if (layer.Fused || layer.Signature is not { } signature || Table.Find(signature) is not { } table)
        {
            return Fallback.Predict(layer, settings);
        }
        if (!_readers.TryGetValue(table, out var reader))
        {
            _readers[table] = reader = new LayerTableReader(table);
        }
        var ms = reader.At(signature.InputChannels, signature.OutputChannels) / Fallback.SparsitySpeedUp(layer.WeightSparsity);
        // A lone layer timed again and again keeps its weights in cache; inside a model they come from memory.
        ms = Math.Max(ms, Fallback.ColdWeightsMs(layer, settings));
        return new LayerLatency(layer.Cost.Name, layer.Cost.Op, ms, LatencySource.Measured);
    }
}
