using System.Diagnostics;

namespace Shears.Bench;

/// <summary>Median wall time of repeated runs; a fast check while tuning, not a substitute for BenchmarkDotNet.</summary>
internal static class QuickTimer
{
    public static double MedianSeconds(Action action, double budgetSeconds = 0.5)
    {
        action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || (total.Elapsed.TotalSeconds < budgetSeconds && times.Count < 1000))
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
