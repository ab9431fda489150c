using System.Globalization;
using Shears.Hardware.Latency;
using Shears.IR;

namespace Shears.Bench.Latency;

/// <summary>One line per measured curve: size, full-size latency, cliffs and the best channel multiple.</summary>
internal static class TableReport
{
    public static IEnumerable<string> Lines(LatencyTable table, IEnumerable<Model> models)
    {
        var wanted = models.SelectMany(model => LatencyTableBuilder.Plan(model, table.Settings.Batch))
            .Select(entry => entry.Signature.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var layer in table.Layers.Where(layer => wanted.Contains(layer.Signature.Key)))
        {
            foreach (var axis in Enum.GetValues<ChannelAxis>())
            {
                if (layer.Curve(axis) is not { } curve)
                {
                    continue;
                }
                var cliffs = LatencyCliffs.Find(curve);
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{layer.Signature.Key,-60} {axis,-7} full {layer.FullMs,7:0.000} ms  best multiple {LatencyCliffs.BestMultiple(curve),2}  cliffs {cliffs.Count,3}: {string.Join(' ', cliffs.Take(6).Select(c => $"{c.Channels}(+{c.Jump:P0})"))}");
            }
        }
    }
}
