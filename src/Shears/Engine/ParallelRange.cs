using System.Runtime.CompilerServices;
using Shears.Engine.Kernels;

namespace Shears.Engine;

/// <summary>Splits an index range into contiguous chunks run on the engine's threads; small ranges run inline.</summary>
internal static unsafe class ParallelRange
{
    /// <summary>
    /// Runs body(start, end) over [0, count) in at most <see cref="EngineOptions.EffectiveThreads"/>
    /// chunks of at least <paramref name="grain"/> items. The chunks depend only on these numbers, never
    /// on which threads are free, so results are the same however calls from different plans interleave.
    /// </summary>
    public static void For(EngineOptions options, int count, int grain, Action<int, int> body)
    {
        var chunks = Math.Min(options.EffectiveThreads, Math.Max(1, count / Math.Max(1, grain)));
        if (chunks <= 1)
        {
            body(0, count);
            return;
        }
        // The kernels' own worker threads, not the thread pool: they are already awake after a
        // GEMM, and two sets of busy threads on the same cores would slow each other down.
        var job = new Job { Count = count, Chunks = chunks, Body = body };
        WorkerPool.Run(chunks, &RunChunk, Unsafe.AsPointer(ref job));
    }

    private static void RunChunk(void* state, int chunk)
    {
        ref var job = ref Unsafe.AsRef<Job>(state);
        var start = (int)((long)job.Count * chunk / job.Chunks);
        var end = (int)((long)job.Count * (chunk + 1) / job.Chunks);
        job.Body(start, end);
    }

    private struct Job
    {
        public int Count;
        public int Chunks;
        public Action<int, int> Body;
    }
}
