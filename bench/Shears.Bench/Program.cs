using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Shears.Bench;
using Shears.Engine;
using Shears.Engine.Kernels;

// Verbs: peak | gemm | conv | report [runs] (all three, then write bench/results/<cpu>.md) | quick [sizes...] | quick-conv;
// anything else goes to BenchmarkDotNet's switcher (e.g. --filter *Gemm*).
var config = BenchConfig.Create();
switch (args.FirstOrDefault())
{
    case "peak":
        BenchmarkRunner.Run<PeakFmaBenchmarks>(config);
        break;
    case "gemm":
        BenchmarkRunner.Run<GemmBenchmarks>(config);
        break;
    case "conv":
        BenchmarkRunner.Run<ConvBenchmarks>(config);
        break;
    case "report":
        {
            // Optional run count: each case keeps its best median across runs. Rounds interleave
            // the suites so a busy spell on the shared machine does not spoil every run of one.
            var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
            var loadBefore = ResultsReport.LoadAverage();
            var (peak, gemm, conv) = (new List<Summary>(), new List<Summary>(), new List<Summary>());
            for (var round = 0; round < runs; round++)
            {
                peak.Add(BenchmarkRunner.Run<PeakFmaBenchmarks>(config));
                gemm.Add(BenchmarkRunner.Run<GemmBenchmarks>(config));
                conv.Add(BenchmarkRunner.Run<ConvBenchmarks>(config));
            }
            Console.WriteLine($"wrote {ResultsReport.Write(new(peak), new(gemm), new(conv), loadBefore)}");
            break;
        }
    case "quick-conv":
        QuickConv();
        break;
    case "quick":
        QuickGemm([.. args.Skip(1).Select(int.Parse).DefaultIfEmpty(512)]);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args, config);
        break;
}

// Stopwatch medians of every variant and thread count: seconds instead of minutes, for tuning.
static void QuickGemm(int[] sizes)
{
    foreach (var size in sizes)
    {
        var a = Enumerable.Repeat(0.5f, size * size).ToArray();
        var b = Enumerable.Repeat(0.25f, size * size).ToArray();
        var c = new float[size * size];
        foreach (var variant in KernelRegistry.Available)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var options = EngineOptions.Default with { Threads = threads, Kernels = variant };
                Action multiply = () => Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, size, size, size, a, b, c, options);
                var seconds = threads == 1 ? QuickTimer.MedianCpuSeconds(multiply) : QuickTimer.MedianSeconds(multiply);
                Console.WriteLine($"{size,5} {variant,-10} threads={threads} {2.0 * size * size * size / seconds / 1e9,7:F1} GFLOP/s");
            }
        }
    }
}

// Single-threaded process CPU time of the reference CNN's convolutions, for tuning on a busy machine.
static void QuickConv()
{
    var options = EngineOptions.Default with { Threads = 1 };
    foreach (var g in new ConvGeometry[] { new(128, 1, 28, 28, 32, 3, 3), new(128, 32, 13, 13, 64, 3, 3) })
    {
        var x = Enumerable.Repeat(0.5f, (int)g.InputLength).ToArray();
        var w = Enumerable.Repeat(0.25f, (int)g.WeightLength).ToArray();
        var y = new float[g.OutputLength];
        var dx = new float[g.InputLength];
        var dw = new float[g.WeightLength];
        var flops = 2.0 * g.OutputLength * g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth;
        foreach (var (name, pass) in new (string, Action)[]
        {
            ("forward", () => Convolution.Forward(g, x, w, [], y, options)),
            ("input gradient", () => Convolution.BackwardInput(g, y, w, dx, options)),
            ("weight gradient", () => Convolution.BackwardWeight(g, x, y, dw, options)),
        })
        {
            var seconds = QuickTimer.MedianCpuSeconds(pass);
            Console.WriteLine($"C={g.InChannels} K={g.OutChannels} {g.InHeight}x{g.InWidth} {name,-16} {seconds * 1e3,7:F2} ms CPU {flops / seconds / 1e9,6:F1} GFLOP/s");
        }
    }
}
