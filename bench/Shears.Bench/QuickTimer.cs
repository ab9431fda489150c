using System.Diagnostics;

namespace Shears.Bench;

/// <summary>
/// Median time of repeated runs; a fast check while tuning, not a substitute for BenchmarkDotNet.
/// Process CPU time is offered too: on a shared machine it is steadier than wall time for single-threaded runs.
/// </summary>
internal static class QuickTimer
{
    public static double MedianSeconds(Action action) =>
        Median(action, () => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    public static double MedianCpuSeconds(Action action)
    {
        using var process = Process.GetCurrentProcess();
        return Median(action, () =>
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        });
    }

    private static double Median(Action action, Func<double> clock, double budgetSeconds = 0.5)
    {
        action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || (total.Elapsed.TotalSeconds < budgetSeconds && times.Count < 1000))
        {
            var start = clock();
            action();
            times.Add(clock() - start);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
