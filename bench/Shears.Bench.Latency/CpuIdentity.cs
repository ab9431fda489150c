using System.Globalization;
using Shears.Hardware;

namespace Shears.Bench.Latency;

/// <summary>
/// The CPU a result was measured on, in the words a reader compares hosts by: family and model
/// numbers from /proc/cpuinfo (hosts change between sessions) and the host's measured FP32 peak.
/// </summary>
internal static class CpuIdentity
{
    public static string Describe(HardwareProfile host)
    {
        var fields = ReadCpuInfo();
        var family = fields.GetValueOrDefault("cpu family", "?");
        var model = fields.GetValueOrDefault("model", "?");
        var peak = host.Compute.Float32GflopsPerCore is { } gflops
            ? string.Create(CultureInfo.InvariantCulture, $"{gflops:0} GFLOP/s per core measured FP32 peak")
            : "no measured peak";
        var simd = host.Simd is { } width ? $"{width.Bits}-bit SIMD" : "SIMD width unknown";
        return $"CPU family {family}, model {model}, {simd}, {peak}";
    }

    private static Dictionary<string, string> ReadCpuInfo()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists("/proc/cpuinfo"))
        {
            return fields;
        }
        foreach (var line in File.ReadLines("/proc/cpuinfo").TakeWhile(line => line.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }
        return fields;
    }
}
