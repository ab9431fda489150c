using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

namespace Shears.Bench;

/// <summary>
/// The machine's floating-point ceiling: twelve independent FMA chains held in registers (enough
/// to cover FMA latency times issue width), no memory traffic. GEMM results are judged against it.
/// </summary>
public class PeakFmaBenchmarks : IFlopCounted
{
    private const int Chains = 12;
    private const long Steps = 2_000_000;

    public static double Flops(BenchmarkCase benchmarkCase)
    {
        var name = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var lanes = name.StartsWith("Vector512", StringComparison.Ordinal) ? 16 : 8;
        var cores = name.EndsWith("AllCores", StringComparison.Ordinal) ? Environment.ProcessorCount : 1;
        return 2.0 * lanes * Chains * Steps * cores;
    }

    [Benchmark]
    public float Vector512OneCore() => Avx512F.IsSupported ? Vector512Chains(Steps) : float.NaN;

    [Benchmark]
    public float Vector256OneCore() => Fma.IsSupported ? Vector256Chains(Steps) : float.NaN;

    [Benchmark]
    public float Vector512AllCores() => OnAllCores(static () => Vector512Chains(Steps));

    [Benchmark]
    public float Vector256AllCores() => OnAllCores(static () => Vector256Chains(Steps));

    private static float OnAllCores(Func<float> work)
    {
        var results = new float[Environment.ProcessorCount];
        var threads = Enumerable.Range(0, results.Length).Select(i => new Thread(() => results[i] = work())).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
        foreach (var thread in threads)
        {
            thread.Join();
        }
        return results.Sum();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Vector512Chains(long steps)
    {
        var factor = Vector512.Create(0.999999f);
        var step = Vector512.Create(1e-7f);
        var (a0, a1, a2, a3, a4, a5) = (factor, factor, factor, factor, factor, factor);
        var (a6, a7, a8, a9, a10, a11) = (factor, factor, factor, factor, factor, factor);
        for (long i = 0; i < steps; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, factor, step); a1 = Avx512F.FusedMultiplyAdd(a1, factor, step);
            a2 = Avx512F.FusedMultiplyAdd(a2, factor, step); a3 = Avx512F.FusedMultiplyAdd(a3, factor, step);
            a4 = Avx512F.FusedMultiplyAdd(a4, factor, step); a5 = Avx512F.FusedMultiplyAdd(a5, factor, step);
            a6 = Avx512F.FusedMultiplyAdd(a6, factor, step); a7 = Avx512F.FusedMultiplyAdd(a7, factor, step);
            a8 = Avx512F.FusedMultiplyAdd(a8, factor, step); a9 = Avx512F.FusedMultiplyAdd(a9, factor, step);
            a10 = Avx512F.FusedMultiplyAdd(a10, factor, step); a11 = Avx512F.FusedMultiplyAdd(a11, factor, step);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Vector256Chains(long steps)
    {
        var factor = Vector256.Create(0.999999f);
        var step = Vector256.Create(1e-7f);
        var (a0, a1, a2, a3, a4, a5) = (factor, factor, factor, factor, factor, factor);
        var (a6, a7, a8, a9, a10, a11) = (factor, factor, factor, factor, factor, factor);
        for (long i = 0; i < steps; i++)
        {
            a0 = Fma.MultiplyAdd(a0, factor, step); a1 = Fma.MultiplyAdd(a1, factor, step);
            a2 = Fma.MultiplyAdd(a2, factor, step); a3 = Fma.MultiplyAdd(a3, factor, step);
            a4 = Fma.MultiplyAdd(a4, factor, step); a5 = Fma.MultiplyAdd(a5, factor, step);
            a6 = Fma.MultiplyAdd(a6, factor, step); a7 = Fma.MultiplyAdd(a7, factor, step);
            a8 = Fma.MultiplyAdd(a8, factor, step); a9 = Fma.MultiplyAdd(a9, factor, step);
            a10 = Fma.MultiplyAdd(a10, factor, step); a11 = Fma.MultiplyAdd(a11, factor, step);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
