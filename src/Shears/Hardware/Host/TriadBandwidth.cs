using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Shears.Hardware.Host;

/// <summary>
/// Sustained memory bandwidth, STREAM-triad style: a = b + s × c over arrays far larger than the caches,
/// counting 12 bytes per element (two reads, one write) as STREAM does.
/// </summary>
internal static class TriadBandwidth
{
    private const float Scale = 3f;

    public static BenchmarkFigures Measure(int threads, long arrayBytes, int repeats)
    {
        var length = (int)Math.Clamp(arrayBytes / sizeof(float), Vector<float>.Count, Array.MaxLength);
        var a = GC.AllocateUninitializedArray<float>(length);
        var b = GC.AllocateUninitializedArray<float>(length);
        var c = GC.AllocateUninitializedArray<float>(length);
        // Each thread first touches the range it will stream, so on NUMA machines its pages sit near it.
        ParallelTiming.Run(threads, index =>
        {
            var (start, count) = ParallelTiming.Slice(length, threads, index);
            a.AsSpan(start, count).Clear();
            b.AsSpan(start, count).Fill(1f);
            c.AsSpan(start, count).Fill(2f);
        });
        var bytes = 3.0 * sizeof(float) * length;
        var single = ParallelTiming.BestRate(repeats, bytes, () => ParallelTiming.Run(1, _ => Triad(a, b, c, 0, length)));
        var all = ParallelTiming.BestRate(repeats, bytes, () => ParallelTiming.Run(threads, index =>
        {
            var (start, count) = ParallelTiming.Slice(length, threads, index);
            Triad(a, b, c, start, count);
        }));
        var method = string.Create(
            CultureInfo.InvariantCulture,
            $"triad a = b + s*c over 3 arrays of {arrayBytes / (1 << 20)} MiB, 12 bytes per element, best of {repeats}");
        return new BenchmarkFigures(single / 1e9, all / 1e9, method);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Triad(float[] a, float[] b, float[] c, int start, int count)
    {
        var target = a.AsSpan(start, count);
        var left = b.AsSpan(start, count);
        var right = c.AsSpan(start, count);
        var vectorTarget = MemoryMarshal.Cast<float, Vector<float>>(target);
        var vectorLeft = MemoryMarshal.Cast<float, Vector<float>>(left);
        var vectorRight = MemoryMarshal.Cast<float, Vector<float>>(right);
        var scale = new Vector<float>(Scale);
        for (var i = 0; i < vectorTarget.Length; i++)
        {
            vectorTarget[i] = vectorLeft[i] + (scale * vectorRight[i]);
        }
        for (var i = vectorTarget.Length * Vector<float>.Count; i < target.Length; i++)
        {
            target[i] = left[i] + (Scale * right[i]);
        }
    }
}
