using System.Globalization;
using Shears.IR;
using Shears.Numerics;
using Shears.Pruning;
using Shears.Pruning.Dependency;

namespace Shears.Hardware.Latency;

/// <summary>
/// Builds latency tables for a model on this host: for every layer whose channels a prunable group
/// shrinks, it times single-layer models across the group's channel counts (<see cref="ChannelSweep"/>),
/// on each axis the group touches. Every other convolution and linear layer gets its full-size
/// point. All of them are timed in interleaved passes. Layers already in the given table are not
/// measured again, and identical layers once. The whole model is timed once too, for the runtime's overhead beyond its nodes.
/// </summary>
public sealed class LatencyTableBuilder
{
    private readonly ILatencyMeter _meter;
    private readonly LatencyTableBuilderOptions _options;
    private readonly MeasurementOptions _measurement;

    /// <summary>A builder timing with <paramref name="meter"/> at the settings of <paramref name="options"/>.</summary>
    /// <exception cref="ShearsException">The meter's runtime is not the one the options ask tables for.</exception>
    /// <exception cref="InvalidOptionException"><see cref="LatencyTableBuilderOptions.Passes"/> is below 1.</exception>
    public LatencyTableBuilder(ILatencyMeter meter, LatencyTableBuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(options);
        if (meter.Runtime != options.Settings.Runtime)
        {
            throw new ShearsException($"a {LatencySettings.RuntimeName(meter.Runtime)} meter cannot build {LatencySettings.RuntimeName(options.Settings.Runtime)} tables");
        }
        if (options.Passes < 1)
        {
            throw new InvalidOptionException($"Passes must be at least 1, got {options.Passes}", nameof(options.Passes));
        }
        _meter = meter;
        _options = options;
        _measurement = (options.Measurement ?? MeasurementOptions.ForTables(options.Settings)) with { Settings = options.Settings, PerNode = true };
    }

    /// <summary>
    /// Extends the host's cached table in <paramref name="store"/> with what <paramref name="model"/>
    /// needs, measuring only what is missing, and saves it when anything was measured.
    /// </summary>
    public static LatencyTable BuildCached(LatencyTableStore store, HardwareProfile host, LatencySettings settings, ILatencyMeter meter, Model model,
        IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = LatencyTableBuilderOptions.ForHost(host, settings);
        var builder = new LatencyTableBuilder(meter, options);
        var table = builder.Build(model, store.TryLoad(options.Fingerprint, settings), progress, cancellation);
        if (builder.MeasuredModels > 0)
        {
            store.Save(table);
        }
        return table;
    }

    /// <summary>Distinct single-layer models timed by the last <see cref="Build"/> (each once per pass).</summary>
    public int MeasuredModels { get; private set; }

    /// <summary>The layers and axes of a model a table needs, each once.</summary>
    public static IReadOnlyList<(LayerSignature Signature, ChannelAxis? Axis)> Plan(Model model, int batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dependencies = DependencyGraph.Build(ModelBatch.With(model, batch));
        var graph = dependencies.Model.Graph;
        var producers = graph.Producers();
        var consumers = graph.Consumers();
        var wanted = new List<(LayerSignature, ChannelAxis?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Want(LayerSignature? signature, ChannelAxis? axis)
        {
            if (signature is null)
            {
                return;
            }
            if (signature.Kind == LayerKind.DepthwiseConvolution && axis is not null)
            {
                axis = ChannelAxis.Coupled;
            }
            if (seen.Add($"{signature.Key}|{axis}"))
            {
                wanted.Add((signature, axis));
            }
        }
        LayerSignature? SignatureOf(Node node) => LayerSignature.Of(node, graph, dependencies.Shapes.ShapeOf, consumers);
        foreach (var group in dependencies.PrunableGroups.Where(group => group.Kind == GroupKind.Channels))
        {
            foreach (var value in group.Values)
            {
                if (producers.TryGetValue(value, out var producer) && producer.Outputs[0] == value)
                {
                    Want(SignatureOf(producer), ChannelAxis.Output);
                }
                foreach (var consumer in consumers.GetValueOrDefault(value) ?? [])
                {
                    if (consumer.Input(0) == value)
                    {
                        Want(SignatureOf(consumer), ChannelAxis.Input);
                    }
                }
            }
        }
        foreach (var node in graph.Nodes)
        {
            Want(SignatureOf(node), null);
        }
        return wanted;
    }

    /// <summary>Measures what <paramref name="existing"/> lacks for the model and returns the table with it added.</summary>
    /// <param name="model">The model whose layers (and their channel-count sweeps) the table must cover; not changed.</param>
    /// <param name="existing">A table measured earlier on this host and settings, extended rather than remeasured; null starts empty.</param>
    /// <param name="progress">Told after each single-layer model is timed (one step per model and pass).</param>
    /// <param name="cancellation">Checked between timings.</param>
    /// <exception cref="ShearsException"><paramref name="existing"/> was measured on another host or with other settings.</exception>
    public LatencyTable Build(Model model, LatencyTable? existing = null, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        MeasuredModels = 0;
        var table = existing ?? new LatencyTable
        {
            Fingerprint = _options.Fingerprint,
            Settings = _options.Settings,
        };
        if (table.Fingerprint != _options.Fingerprint || table.Settings != _options.Settings)
        {
            throw new ShearsException("the existing latency table belongs to another host or setting");
        }
        var layers = table.Layers.ToDictionary(layer => layer.Signature.Key, StringComparer.Ordinal);
        var plan = Plan(model, _options.Settings.Batch);
        var sweeps = new List<(LayerSignature Signature, ChannelAxis Axis, IReadOnlyList<int> Counts)>();
        var wanted = new Dictionary<string, LayerSignature>(StringComparer.Ordinal);
        foreach (var (signature, axis) in plan)
        {
            var known = layers.GetValueOrDefault(signature.Key);
            if (known is null)
            {
                wanted.TryAdd(signature.Key, signature);
            }
            // Plan lists each layer and axis once, so no sweep is added twice.
            if (axis is { } measuredAxis && (known is null || PointsOf(known, measuredAxis).Count == 0))
            {
                var fullChannels = FullChannels(signature, measuredAxis);
                var counts = ChannelSweep.For(fullChannels, _options.Block);
                sweeps.Add((signature, measuredAxis, counts));
                foreach (var count in counts.Where(count => count != fullChannels))
                {
                    var resized = Resize(signature, measuredAxis, count);
                    wanted.TryAdd(resized.Key, resized);
                }
            }
        }
        var times = MeasureAll([.. wanted.Values], progress, cancellation);
        // A sweep of a one-channel axis needs no timing but still adds its point.
        var changed = times.Count > 0 || sweeps.Count > 0;
        foreach (var (signature, _) in plan)
        {
            if (!layers.ContainsKey(signature.Key))
            {
                layers[signature.Key] = new LayerTable { Signature = signature, Block = _options.Block, FullMs = times[signature.Key] };
            }
        }
        foreach (var (signature, axis, counts) in sweeps)
        {
            var layer = layers[signature.Key];
            var fullChannels = FullChannels(signature, axis);
            var points = counts
                .Select(count => new LatencyPoint(count, count == fullChannels ? layer.FullMs : times[Resize(signature, axis, count).Key]))
                .ToList();
            layers[signature.Key] = layer.WithPoints(axis, points);
        }
        var fingerprint = ModelFingerprint.Of(model);
        var overheads = table.Overheads;
        if (overheads.All(overhead => overhead.Model != fingerprint))
        {
            cancellation.ThrowIfCancellationRequested();
            overheads = [.. overheads, MeasureOverhead(model, fingerprint)];
            changed = true;
        }
        if (!changed)
        {
            return table;
        }
        return table.With(layers.Values) with
        {
            Overheads = overheads,
            MeasuredAt = _options.Time.GetUtcNow(),
            Method = string.Create(
                CultureInfo.InvariantCulture,
                $"single-layer models timed per node ({LatencySettings.RuntimeName(_options.Settings.Runtime)}, {_measurement.Clock} clock, {_measurement.WarmupRuns} warm-up runs, median of at least {_measurement.MinRuns} runs, best of {_options.Passes} interleaved passes)"),
        };
    }

    /// <summary>
    /// Times every single-layer model once per pass, each pass in its own shuffled order, and keeps
    /// each model's best pass (a busy machine only ever adds time): a slow spell of a shared machine
    /// then falls on scattered points of many curves rather than on the whole sweep of one layer.
    /// </summary>
    private Dictionary<string, double> MeasureAll(IReadOnlyList<LayerSignature> signatures, IProgress<OperationProgress>? progress, CancellationToken cancellation)
    {
        MeasuredModels = signatures.Count;
        var samples = signatures.ToDictionary(signature => signature.Key, _ => new List<double>(_options.Passes), StringComparer.Ordinal);
        if (signatures.Count == 0)
        {
            return [];
        }
        var models = signatures.Select(signature => SingleLayerModel.Build(signature)).ToList();
        for (var pass = 0; pass < _options.Passes; pass++)
        {
            var done = 0;
            foreach (var i in Rng.ForStream(_options.Seed, (ulong)pass).Permutation(signatures.Count))
            {
                cancellation.ThrowIfCancellationRequested();
                samples[signatures[i].Key].Add(MeasureLayer(models[i]));
                done++;
                progress?.Report(new OperationProgress("latency tables", (pass * signatures.Count) + done, _options.Passes * signatures.Count,
                    done == signatures.Count ? string.Create(CultureInfo.InvariantCulture, $"pass {pass + 1} of {_options.Passes}: {signatures.Count} single-layer models timed") : null));
            }
        }
        return samples.ToDictionary(pair => pair.Key, pair => pair.Value.Min(), StringComparer.Ordinal);
    }

    private static int FullChannels(LayerSignature signature, ChannelAxis axis) =>
        (int)(axis == ChannelAxis.Input ? signature.InputChannels : signature.OutputChannels);

    private static IReadOnlyList<LatencyPoint> PointsOf(LayerTable layer, ChannelAxis axis) => axis switch
    {
        ChannelAxis.Input => layer.InputPoints,
        ChannelAxis.Coupled => layer.CoupledPoints,
        _ => layer.OutputPoints,
    };

    private static LayerSignature Resize(LayerSignature signature, ChannelAxis axis, int count) => axis switch
    {
        ChannelAxis.Input => signature.WithChannels(count, signature.OutputChannels),
        ChannelAxis.Coupled => signature.WithChannels(count, count),
        _ => signature.WithChannels(signature.InputChannels, count),
    };

    private DispatchOverhead MeasureOverhead(Model model, string fingerprint)
    {
        var measurement = _meter.Measure(model, _measurement with { MinRuns = 10, MaxTime = TimeSpan.FromSeconds(10) });
        var nodes = Math.Max(1, measurement.Nodes.Count);
        var beyondNodes = measurement.MedianMs - measurement.Nodes.Sum(node => node.Ms);
        return new DispatchOverhead(fingerprint, nodes, Math.Max(0, beyondNodes) / nodes);
    }

    private double MeasureLayer(Model singleLayer)
    {
        // Only the layer's node time is kept, so one profiled session suffices.
        var measurement = _meter.Measure(singleLayer, _measurement with { WholeModelInPlainSession = false });
        // The layer and its fused activation; not the layout changes around a lone layer.
        var layer = measurement.Nodes.Where(node => node.Layer is not null).ToList();
        return layer.Count > 0 ? layer.Sum(node => node.Ms) : measurement.MedianMs;
    }
}
