using System.Text.Json.Serialization;

namespace Shears.Hardware.Latency;

/// <summary>
/// Measured latency of one layer shape against its channel counts: one curve per axis that
/// pruning can shrink, each through the full-size point. Two axes combine as a product of their
/// relative costs, which is exact for work that scales with inputs × outputs and keeps each axis's
/// own steps and slow paths.
/// </summary>
public sealed record LayerTable
{
    /// <summary>The layer's signature at full size.</summary>
    public required LayerSignature Signature { get; init; }

    /// <summary>The vector block the curves are read with (see <see cref="LatencyCurve"/>).</summary>
    public required int Block { get; init; }

    /// <summary>Latency at full size, in milliseconds.</summary>
    public required double FullMs { get; init; }

    /// <summary>Points measured with the output channels varied and the inputs at full size.</summary>
    public IReadOnlyList<LatencyPoint> OutputPoints { get; init; } = [];

    /// <summary>Points measured with the input channels varied and the outputs at full size.</summary>
    public IReadOnlyList<LatencyPoint> InputPoints { get; init; } = [];

    /// <summary>For depthwise layers: both counts at once.</summary>
    public IReadOnlyList<LatencyPoint> CoupledPoints { get; init; } = [];

    /// <summary>The signature's shape class, by which pruned layers find this table.</summary>
    [JsonIgnore]
    public string ShapeClass => Signature.ShapeClass;

    /// <summary>The curve of an axis, or null when that axis was not measured.</summary>
    public LatencyCurve? Curve(ChannelAxis axis)
    {
        var points = axis switch
        {
            ChannelAxis.Input => InputPoints,
            ChannelAxis.Coupled => CoupledPoints,
            _ => OutputPoints,
        };
        return points.Count == 0 ? null : new LatencyCurve(points, Block);
    }

    /// <summary>This table with more points on an axis (a re-measured count replaces the old one).</summary>
    public LayerTable WithPoints(ChannelAxis axis, IEnumerable<LatencyPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        IReadOnlyList<LatencyPoint> Merge(IReadOnlyList<LatencyPoint> old) =>
            [.. points.Concat(old).DistinctBy(point => point.Channels).OrderBy(point => point.Channels)];
        return axis switch
        {
            ChannelAxis.Input => this with { InputPoints = Merge(InputPoints) },
            ChannelAxis.Coupled => this with { CoupledPoints = Merge(CoupledPoints) },
            _ => this with { OutputPoints = Merge(OutputPoints) },
        };
    }
}
