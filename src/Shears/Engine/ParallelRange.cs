namespace Shears.Engine;

/// <summary>Splits an index range into contiguous chunks run on the engine's threads; small ranges run inline.</summary>
internal static class ParallelRange
{
    /// <summary>Runs body(start, end) over [0, count) in at most <see cref="EngineSettings.Threads"/> chunks of at least <paramref name="grain"/> items.</summary>
    public static void For(int count, int grain, Action<int, int> body)
    {
        var chunks = Math.Min(EngineSettings.Threads, Math.Max(1, count / Math.Max(1, grain)));
        if (chunks <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, chunk =>
        {
            var start = (int)((long)count * chunk / chunks);
            var end = (int)((long)count * (chunk + 1) / chunks);
            body(start, end);
        });
    }
}
