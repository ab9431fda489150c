using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Shears.Engine;
using Shears.Engine.Kernels;

namespace Shears.Bench;

/// <summary>Square single-precision GEMM, C = A·B, for every kernel variant and 1 or 2 threads.</summary>
public class GemmBenchmarks : IFlopCounted
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private EngineOptions _options = EngineOptions.Default;

    [Params(128, 512, 1024)]
    public int Size { get; set; }

    [ParamsSource(nameof(Variants))]
    public KernelVariant Variant { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static IEnumerable<KernelVariant> Variants => KernelRegistry.Available;

    public static double Flops(BenchmarkCase benchmarkCase)
    {
        var size = (int)benchmarkCase.Parameters["Size"];
        return 2.0 * size * size * size;
    }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = [.. Enumerable.Range(0, Size * Size).Select(_ => random.NextSingle() - 0.5f)];
        _b = [.. Enumerable.Range(0, Size * Size).Select(_ => random.NextSingle() - 0.5f)];
        _c = new float[Size * Size];
        _options = EngineOptions.Default with { Threads = Threads, Kernels = Variant };
    }

    [Benchmark]
    public void Multiply() => Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, Size, Size, Size, _a, _b, _c, _options);
}
