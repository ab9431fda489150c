using System.Globalization;
using Shears.Hardware.Host;
using Shears.Hardware.Latency;

namespace Shears.Bench.Latency;

/// <summary>Prints one cached curve: each measured point, then the curve at every count, for checking how it is read.</summary>
internal static class CurveReport
{
    public static int Run(BenchArguments options)
    {
        var profile = new HostDetector().Detect();
        var settings = new LatencySettings { Threads = options.Int("threads", 1), Batch = options.Int("batch", 1) };
        var store = options.Text("cache") is { } cache ? new LatencyTableStore(cache) : LatencyTableStore.Default();
        var table = store.TryLoad(profile.Fingerprint!, settings);
        var wanted = options.Text("layer") ?? "";
        var axis = Enum.Parse<ChannelAxis>(options.Text("axis") ?? "Output", ignoreCase: true);
        var layer = table?.Layers.FirstOrDefault(layer => layer.Signature.Key.Contains(wanted, StringComparison.Ordinal) && layer.Curve(axis) is not null);
        if (layer?.Curve(axis) is not { } curve)
        {
            Console.Error.WriteLine($"no cached {axis} curve for a layer matching '{wanted}'");
            return 1;
        }
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"{layer.Signature.Key} {axis}: best multiple {LatencyCliffs.BestMultiple(curve)}");
        Console.WriteLine("measured: " + string.Join(' ', curve.Points.Select(point => string.Create(culture, $"{point.Channels}:{point.Ms:0.000}"))));
        Console.WriteLine("padded alignments: " + string.Join(' ', new[] { 1, 2, 4, 8 }.Select(a => $"{a}:{curve.IsPadded(a)}")));
        Console.WriteLine("curve: " + string.Join(' ', Enumerable.Range(1, curve.MaxChannels).Select(c => string.Create(culture, $"{c}:{curve.At(c):0.000}"))));
        return 0;
    }
}
