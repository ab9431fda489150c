namespace Shears.Hardware.Latency;

/// <summary>
/// The latency tables of one target: measured on one host (by fingerprint), in one runtime, at one
/// thread count and batch. Layers are found by their shape class, so a pruned layer reads the table
/// of the full-size layer it came from.
/// </summary>
public sealed record LatencyTable
{
    /// <summary>Bumped when the measurement method changes, so older tables are measured again.</summary>
    public const int CurrentFormat = 2;

    /// <summary>The measurement format the table was built with; stores ignore tables of another format.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>Host fingerprint (<see cref="Host.HostFingerprint"/>) the figures were measured on.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The runtime, threads and batch the figures were measured at.</summary>
    public required LatencySettings Settings { get; init; }

    /// <summary>When the table was last extended.</summary>
    public DateTimeOffset MeasuredAt { get; init; }

    /// <summary>How the figures were taken, for reports.</summary>
    public string Method { get; init; } = "";

    /// <summary>One entry per full-size layer measured, with its channel sweeps.</summary>
    public IReadOnlyList<LayerTable> Layers { get; init; } = [];

    /// <summary>Whole-model overheads measured beside the layers, one per model.</summary>
    public IReadOnlyList<DispatchOverhead> Overheads { get; init; } = [];

    /// <summary>The typical overhead per runtime node, or null when no whole model was measured.</summary>
    public double? NodeOverheadMs() => Overheads.Count == 0 ? null : MeasurementSummary.Median(Overheads.Select(overhead => overhead.PerNodeMs));

    /// <summary>
    /// The table for a layer: same shape class, the smallest full size that covers the layer's channel
    /// counts, else the largest of that class (read by extrapolation); null when the class was never measured.
    /// </summary>
    public LayerTable? Find(LayerSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var candidates = Layers.Where(layer => layer.ShapeClass == signature.ShapeClass).ToList();
        return candidates
            .Where(layer => layer.Signature.InputChannels >= signature.InputChannels && layer.Signature.OutputChannels >= signature.OutputChannels)
            .OrderBy(layer => layer.Signature.InputChannels * layer.Signature.OutputChannels)
            .FirstOrDefault()
            ?? candidates.OrderByDescending(layer => layer.Signature.InputChannels * layer.Signature.OutputChannels).FirstOrDefault();
    }

    /// <summary>This table with layers added; a layer already present (same full-size key) is replaced.</summary>
    public LatencyTable With(IEnumerable<LayerTable> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var added = layers.ToList();
        var keys = added.Select(layer => layer.Signature.Key).ToHashSet(StringComparer.Ordinal);
        return this with { Layers = [.. Layers.Where(layer => !keys.Contains(layer.Signature.Key)).Concat(added)] };
    }
}
