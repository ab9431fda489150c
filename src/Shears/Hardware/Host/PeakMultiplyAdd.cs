using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Shears.Hardware.Host;

/// <summary>
/// Peak float32 multiply-add throughput: twelve independent accumulator chains held in registers, so the
/// FMA units never wait on a result (twelve covers latency × issue width on current x86 and Arm cores
/// and still fits sixteen vector registers).
/// </summary>
internal static class PeakMultiplyAdd
{
    private const int Chains = 12;
    private static readonly TimeSpan CalibrationTime = TimeSpan.FromMilliseconds(20);
    private static float _sink;

    public static BenchmarkFigures Measure(int threads, BenchmarkSettings settings)
    {
        var (kernel, lanes, vectorName) = WidestKernel();
        var flopsPerIteration = Chains * lanes * 2.0;
        var iterations = Calibrate(kernel, settings.ComputeRunTime);
        var single = ParallelTiming.BestRate(settings.Repeats, iterations * flopsPerIteration,
            () => ParallelTiming.Run(1, _ => Keep(kernel(iterations))));
        var all = ParallelTiming.BestRate(settings.Repeats, threads * iterations * flopsPerIteration,
            () => ParallelTiming.Run(threads, _ => Keep(kernel(iterations))));
        var method = string.Create(
            CultureInfo.InvariantCulture,
            $"{vectorName} multiply-add, {Chains} independent chains, best of {settings.Repeats} runs of {settings.ComputeRunTime.TotalMilliseconds:0} ms");
        return new BenchmarkFigures(single / 1e9, all / 1e9, method);
    }

    private static (Func<long, float> Kernel, int Lanes, string Name) WidestKernel()
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return (Run<Vector512MultiplyAdd, Vector512<float>>, Vector512MultiplyAdd.Lanes, "Vector512");
        }
        if (Vector256.IsHardwareAccelerated)
        {
            return (Run<Vector256MultiplyAdd, Vector256<float>>, Vector256MultiplyAdd.Lanes, "Vector256");
        }
        return (Run<Vector128MultiplyAdd, Vector128<float>>, Vector128MultiplyAdd.Lanes, "Vector128");
    }

    // Grows the iteration count until a run is long enough to time, then scales it to the wanted run time.
    private static long Calibrate(Func<long, float> kernel, TimeSpan runTime)
    {
        long iterations = 1 << 12;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            Keep(kernel(iterations));
            var elapsed = clock.Elapsed;
            if (elapsed >= CalibrationTime || iterations >= 1L << 40)
            {
                return Math.Max(1, (long)(iterations * (runTime / elapsed)));
            }
            iterations *= 4;
        }
    }

    private static void Keep(float value) => Volatile.Write(ref _sink, value);

    // Each chain computes c = c × 0.9999 + 0.0001, which stays near 1: no overflow, no slow denormals.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Run<TOps, TVector>(long iterations)
        where TOps : struct, IMultiplyAddVector<TVector>
        where TVector : struct
    {
        var factor = TOps.Create(0.9999f);
        var offset = TOps.Create(0.0001f);
        TVector c0 = TOps.Create(0.1f), c1 = TOps.Create(0.2f), c2 = TOps.Create(0.3f), c3 = TOps.Create(0.4f);
        TVector c4 = TOps.Create(0.5f), c5 = TOps.Create(0.6f), c6 = TOps.Create(0.7f), c7 = TOps.Create(0.8f);
        TVector c8 = TOps.Create(0.9f), c9 = TOps.Create(1.1f), c10 = TOps.Create(1.2f), c11 = TOps.Create(1.3f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = TOps.MultiplyAdd(c0, factor, offset);
            c1 = TOps.MultiplyAdd(c1, factor, offset);
            c2 = TOps.MultiplyAdd(c2, factor, offset);
            c3 = TOps.MultiplyAdd(c3, factor, offset);
            c4 = TOps.MultiplyAdd(c4, factor, offset);
            c5 = TOps.MultiplyAdd(c5, factor, offset);
            c6 = TOps.MultiplyAdd(c6, factor, offset);
            c7 = TOps.MultiplyAdd(c7, factor, offset);
            c8 = TOps.MultiplyAdd(c8, factor, offset);
            c9 = TOps.MultiplyAdd(c9, factor, offset);
            c10 = TOps.MultiplyAdd(c10, factor, offset);
            c11 = TOps.MultiplyAdd(c11, factor, offset);
        }
        var sum = TOps.Add(
            TOps.Add(TOps.Add(TOps.Add(c0, c1), TOps.Add(c2, c3)), TOps.Add(TOps.Add(c4, c5), TOps.Add(c6, c7))),
            TOps.Add(TOps.Add(c8, c9), TOps.Add(c10, c11)));
        return TOps.Sum(sum);
    }
}
