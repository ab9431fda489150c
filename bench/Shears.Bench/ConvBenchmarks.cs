using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Shears.Engine;
using Shears.Engine.Kernels;

namespace Shears.Bench;

/// <summary>
/// The two convolutions of the reference CNN (Fashion-MNIST, batch 128) with the best kernel
/// variant: forward, input gradient, weight gradient and both gradients in one pass; with Winograd
/// allowed and not (conv1's single input channel never takes it).
/// </summary>
public class ConvBenchmarks : IFlopCounted
{
    private static readonly Dictionary<string, ConvGeometry> LayerGeometries = new()
    {
        ["conv1 1-32 3x3 28x28"] = new(128, 1, 28, 28, 32, 3, 3),
        ["conv2 32-64 3x3 13x13"] = new(128, 32, 13, 13, 64, 3, 3),
    };

    private float[] _input = [];
    private float[] _weight = [];
    private float[] _bias = [];
    private float[] _output = [];
    private float[] _inputGradient = [];
    private float[] _weightGradient = [];
    private ConvGeometry _geometry = LayerGeometries.Values.First();
    private EngineOptions _options = EngineOptions.Default;

    [ParamsSource(nameof(Layers))]
    public string Layer { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(false, true)]
    public bool Winograd { get; set; }

    /// <summary>The algorithm a case's layer runs with.</summary>
    public static string Algorithm(BenchmarkCase benchmarkCase)
    {
        var options = EngineOptions.Default with { Winograd = (bool)benchmarkCase.Parameters["Winograd"] };
        var winograd = Convolution.UsesWinograd(LayerGeometries[(string)benchmarkCase.Parameters["Layer"]], options);
        return winograd ? "Winograd F(2×2,3×3)" : "im2col + GEMM";
    }

    public static IEnumerable<string> Layers => LayerGeometries.Keys;

    public static double Flops(BenchmarkCase benchmarkCase)
    {
        var g = LayerGeometries[(string)benchmarkCase.Parameters["Layer"]];
        var passes = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(Backward) ? 2 : 1;
        return passes * 2.0 * g.OutputLength * g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth;
    }

    [GlobalSetup]
    public void Setup()
    {
        _geometry = LayerGeometries[Layer];
        var random = new Random(1);
        _input = [.. Enumerable.Range(0, (int)_geometry.InputLength).Select(_ => random.NextSingle())];
        _weight = [.. Enumerable.Range(0, (int)_geometry.WeightLength).Select(_ => random.NextSingle() - 0.5f)];
        _bias = new float[_geometry.OutChannels];
        _output = new float[_geometry.OutputLength];
        _inputGradient = new float[_geometry.InputLength];
        _weightGradient = new float[_geometry.WeightLength];
        _options = EngineOptions.Default with { Threads = Threads, Winograd = Winograd };
    }

    [Benchmark]
    public void Forward() => Convolution.Forward(_geometry, _input, _weight, _bias, _output, _options);

    [Benchmark]
    public void BackwardInput() => Convolution.BackwardInput(_geometry, _output, _weight, _inputGradient, _options);

    [Benchmark]
    public void BackwardWeight() => Convolution.BackwardWeight(_geometry, _input, _output, _weightGradient, _options);

    [Benchmark]
    public void Backward() => Convolution.Backward(_geometry, _input, _output, _weight, _inputGradient, _weightGradient, _options);
}
