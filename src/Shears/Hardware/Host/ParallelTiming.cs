using System.Diagnostics;

namespace Shears.Hardware.Host;

/// <summary>Times work run on dedicated threads that all start together, so the wall time covers only the work.</summary>
internal static class ParallelTiming
{
    /// <summary>Runs <paramref name="work"/>(thread index) on each thread and returns the wall time until the last one ends.</summary>
    public static TimeSpan Run(int threads, Action<int> work)
    {
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            work(index);
        })
        {
            IsBackground = true,
            Name = $"shears-benchmark-{index}",
        }).ToList();
        foreach (var worker in workers)
        {
            worker.Start();
        }
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (var worker in workers)
        {
            worker.Join();
        }
        return clock.Elapsed;
    }

    /// <summary>The highest rate (<paramref name="work"/> per second) over several timed runs; interference only slows runs down.</summary>
    public static double BestRate(int repeats, double work, Func<TimeSpan> run)
    {
        var best = 0.0;
        for (var repeat = 0; repeat < Math.Max(1, repeats); repeat++)
        {
            best = Math.Max(best, work / Math.Max(run().TotalSeconds, 1e-9));
        }
        return best;
    }

    /// <summary>The part of <paramref name="length"/> items that thread <paramref name="index"/> of <paramref name="threads"/> handles.</summary>
    public static (int Start, int Count) Slice(int length, int threads, int index)
    {
        var start = (int)((long)length * index / threads);
        var end = (int)((long)length * (index + 1) / threads);
        return (start, end - start);
    }
}
