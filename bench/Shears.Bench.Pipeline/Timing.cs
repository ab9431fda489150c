using System.Diagnostics;
using System.Globalization;

namespace Shears.Bench.Pipeline;

/// <summary>Median wall times of repeated runs after a warm-up run.</summary>
internal static class Timing
{
    public static double MedianMs(Action action, int runs = 7, int warmup = 1)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples[runs / 2];
    }

    /// <summary>Resident-set high-water mark and current size of this process, in bytes (Linux).</summary>
    public static (long Peak, long Current) Memory()
    {
        long peak = 0, current = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kilobytes(line);
            }
        }
        return (peak, current);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;

    public static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
