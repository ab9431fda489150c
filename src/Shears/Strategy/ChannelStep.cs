using System.Globalization;
using Shears.Hardware;
using Shears.Hardware.Latency;

namespace Shears.Strategy;

/// <summary>
/// The multiple a group's kept channel count should keep to, and the evidence for it: the steps of this host's measured
/// latency table for the layers the group touches (<see cref="LatencyCliffs.BestMultiple"/>), the tiles of a systolic
/// array, or the target's preferred channel multiple.
/// </summary>
/// <param name="Multiple">Kept counts are multiples of this (or the group's full size).</param>
/// <param name="Evidence">Where the multiple comes from, e.g. "latency steps at multiples of 16 in this host's table for conv2".</param>
public sealed record ChannelStep(int Multiple, string Evidence)
{
    /// <summary>The step for a group whose producing and reading layers are <paramref name="producers"/> and <paramref name="consumers"/>.</summary>
    /// <param name="target">The hardware profile.</param>
    /// <param name="predictor">The latency model planned with; its measured tables, when it has them, decide.</param>
    /// <param name="producers">Layers whose output channels the group sets, with their signatures.</param>
    /// <param name="consumers">Layers whose input channels the group sets.</param>
    public static ChannelStep For(HardwareProfile target, ILatencyModel? predictor,
        IReadOnlyList<(string Name, LayerSignature Signature)> producers, IReadOnlyList<(string Name, LayerSignature Signature)> consumers)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(producers);
        ArgumentNullException.ThrowIfNull(consumers);
        if (target.SystolicArray is { } array)
        {
            var tile = Math.Max(1, Math.Max(target.PrimaryChannelMultiple(), array.Columns));
            return new ChannelStep(tile, string.Create(CultureInfo.InvariantCulture,
                $"array-sized tiles: channels map onto the {array.Rows}×{array.Columns} systolic array of '{target.Name}', so a partial tile of {tile} leaves processing elements idle"));
        }
        if (predictor is MeasuredLatencyModel measured)
        {
            var found = producers.Select(p => (p.Name, Table: measured.Table.Find(p.Signature), Axis: ChannelAxis.Output))
                .Concat(consumers.Select(c => (c.Name, Table: measured.Table.Find(c.Signature), Axis: ChannelAxis.Input)))
                .Select(t => (t.Name, Curve: t.Table is { } table ? table.Curve(table.Signature.Kind == LayerKind.DepthwiseConvolution ? ChannelAxis.Coupled : t.Axis) : null))
                .Where(t => t.Curve is not null)
                .Select(t => (t.Name, Multiple: LatencyCliffs.BestMultiple(t.Curve!)))
                .ToList();
            if (found.Count > 0)
            {
                var widest = found.MaxBy(f => f.Multiple);
                return new ChannelStep(widest.Multiple, string.Create(CultureInfo.InvariantCulture,
                    $"latency steps at multiples of {widest.Multiple} in this host's measured table for {widest.Name}"));
            }
        }
        var multiple = target.PrimaryChannelMultiple();
        var source = target.SourceOf("preferredChannelMultiples") is { } s ? $": {s}" : "";
        return new ChannelStep(multiple, string.Create(CultureInfo.InvariantCulture,
            $"multiples of {multiple}, the preferred channel multiple of '{target.Name}'{source}"));
    }

    /// <summary>The kept counts a group of <paramref name="units"/> may take, largest first: <paramref name="units"/>, then multiples down to <paramref name="least"/>.</summary>
    public IReadOnlyList<int> Counts(int units, int least)
    {
        var counts = new List<int> { units };
        var step = Math.Max(1, Multiple);
        for (var count = (units - 1) / step * step; count >= Math.Max(least, 1); count -= step)
        {
            if (count > 0 && count < units)
            {
                counts.Add(count);
            }
        }
        return counts;
    }
}
