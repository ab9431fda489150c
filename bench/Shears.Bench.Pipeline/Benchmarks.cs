using System.Diagnostics;
using System.Globalization;
using Shears.Analysis;
using Shears.Data;
using Shears.Engine;
using Shears.Engine.Training;
using Shears.IR;
using Shears.Models;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Pruning;
using Shears.Testing;
using static Shears.Bench.Pipeline.Timing;

namespace Shears.Bench.Pipeline;

/// <summary>The benchmark sections; each writes a Markdown table through <c>line</c>.</summary>
internal static class Benchmarks
{
    public static void Analyze(Action<string> line)
    {
        line("## Read + analyse (issue 2; targets: under 1 s each, peak memory ≤ 2× weight bytes)");
        line("");
        line("| model | weight bytes | median read+analyse (ms, in process, 5 runs) | extra resident memory at peak | ratio to weights |");
        line("|---|---:|---:|---:|---:|");
        foreach (var name in new[] { "resnet50", "vit_b_16" })
        {
            var path = TorchvisionExports.Get(name);
            var ms = MedianMs(() => ModelAnalyzer.Analyze(OnnxReader.Read(path)), runs: 5);
            var self = Environment.ProcessPath!;
            using var child = Process.Start(new ProcessStartInfo(self, ["analyze-memory", path]) { RedirectStandardOutput = true })!;
            var parts = child.StandardOutput.ReadToEnd().Trim().Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            child.WaitForExit();
            var extra = parts[1] - parts[0];
            line($"| {name} | {parts[2]:N0} | {F(ms, "0")} | {extra / 1048576.0:0} MiB | {F(extra / (double)parts[2])}× |");
        }
        line("");
    }

    public static void Prune(Action<string> line)
    {
        line("## Dependency analysis + channel pruning at 0.5 (issue 4; targets: resnet50 < 2 s, vit_b_16 < 5 s)");
        line("");
        line("| model | median plan + apply (ms, 3 runs) | params before → after | MACs before → after |");
        line("|---|---:|---:|---:|");
        var pruned = new Dictionary<string, (Model Dense, Model Pruned)>();
        foreach (var name in new[] { "resnet18", "resnet50", "mobilenet_v2", "densenet121", "vit_b_16" })
        {
            var model = OnnxReader.Read(TorchvisionExports.Get(name));
            Model? result = null;
            var ms = MedianMs(() => result = Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Ratio = 0.5 })), runs: 3);
            var a = ModelAnalyzer.Analyze(model);
            var b = ModelAnalyzer.Analyze(result!);
            pruned[name] = (model, result!);
            line($"| {name} | {F(ms, "0")} | {a.Parameters / 1e6:0.00} M → {b.Parameters / 1e6:0.00} M | {a.Macs / 1e9:0.000} G → {b.Macs / 1e9:0.000} G |");
        }
        line("");
        line("ONNX Runtime latency, batch 1, dense vs pruned at 0.5 (median of 30 runs after 5 warm-up runs, same session options, interleaved):");
        line("");
        line("| model | threads | dense (ms) | pruned (ms) | speed-up |");
        line("|---|---:|---:|---:|---:|");
        foreach (var (name, (dense, small)) in pruned)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var options = new OnnxRuntimeOptions { IntraOpThreads = threads };
                using var a = OnnxRuntimeSession.FromModel(dense, options);
                using var b = OnnxRuntimeSession.FromModel(small, options);
                var inputs = RandomInputs.For(dense);
                var (da, db) = Interleaved(() => a.Run(inputs), () => b.Run(inputs), 30);
                line($"| {name} | {threads} | {F(da)} | {F(db)} | {F(da / db)}× |");
            }
        }
        line("");
    }

    public static void Train(Action<string> line)
    {
        line("## Training on Fashion-MNIST, batch 128, Adam 1e-3 (issue 3; targets: MLP ≤ 0.30 s/epoch, CNN ≤ 7.0 s/epoch)");
        line("");
        line("| model | threads | epoch seconds (median of epochs after the first) | fastest epoch | samples/s |");
        line("|---|---:|---:|---:|---:|");
        var data = FashionMnist.Load().Train;
        foreach (var (arch, epochs) in new[] { (Architecture.Mlp, 6), (Architecture.Cnn, 4) })
        {
            var trainer = new Trainer(ModelZoo.Build(arch), new TrainingOptions { Epochs = epochs, Seed = 1 });
            // The first epoch includes JIT compilation and tiering; the machine is shared, so the median.
            var seconds = trainer.Train(data).Skip(1).Select(r => r.Seconds).Order().ToArray();
            var median = seconds[seconds.Length / 2];
            line($"| {Architectures.Name(arch)} | {EngineOptions.Default.EffectiveThreads} | {F(median)} | {F(seconds[0])} | {F(data.Count / median, "0")} |");
        }
        line("");
        line("PyTorch on this machine, same models, data, batch and optimizer (bench/reference/torch_training.py; Debian's python3-torch, whose BLAS is the generic reference one):");
        line("");
        line("| model | threads | PyTorch epoch seconds (median after the first) | PyTorch test accuracy after 3 epochs |");
        line("|---|---:|---:|---:|");
        foreach (var reference in Environment.GetEnvironmentVariable("SHEARS_BENCH_NO_TORCH") is null ? TorchReference(EngineOptions.Default.EffectiveThreads) : [])
        {
            line(reference);
        }
        line("");
    }

    /// <summary>Table rows from the PyTorch reference script, or one row saying why there are none.</summary>
    private static IEnumerable<string> TorchReference(int threads)
    {
        PythonRun run;
        try
        {
            run = Python.Execute(Python.Interpreter, RepositoryRoot.Combine("bench", "reference", "torch_training.py"), ["--threads", $"{threads}", "--epochs", "3"], TimeSpan.FromHours(1));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            return [$"| (not run: {e.Message}) | | | |"];
        }
        if (run.ExitCode != 0)
        {
            return [$"| (failed: {run.LastErrorLine}) | | | |"];
        }
        return [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(row => row.Split(' '))
            .Select(f => $"| {f[0]} | {f[1]} | {f[2]} | {double.Parse(f[3], CultureInfo.InvariantCulture) * 100:0.00}% |")];
    }

    public static void Infer(Action<string> line)
    {
        line("## MLP inference, engine vs ONNX Runtime in the same run (issue 3; target: engine ≤ ORT)");
        line("");
        line("Each figure: median µs per forward pass over 2000 runs in a child process of its own (two runtimes' spinning");
        line("worker threads in one process take each other's second core); three alternating child runs per runtime, median taken.");
        line("");
        line("| batch | threads | engine (µs) | ORT (µs) | engine / ORT |");
        line("|---:|---:|---:|---:|---:|");
        foreach (var batch in new[] { 1, 128 })
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var engine = new List<double>();
                var ort = new List<double>();
                for (var round = 0; round < 3; round++)
                {
                    engine.Add(InferChild("engine", batch, threads));
                    ort.Add(InferChild("ort", batch, threads));
                }
                var (e, o) = (engine.Order().ElementAt(1), ort.Order().ElementAt(1));
                line($"| {batch} | {threads} | {F(e, "0.0")} | {F(o, "0.0")} | {F(e / o)} |");
            }
        }
        line("");
    }

    /// <summary>Child process: median µs of one runtime's MLP forward pass at a batch size and thread count.</summary>
    public static double InferAlone(string runtime, int batch, int threads)
    {
        var model = ModelZoo.Build(Architecture.Mlp);
        var inputs = RandomInputs.For(model, new RandomInputOptions { DimBindings = new Dictionary<string, long> { ["batch"] = batch } });
        Action run;
        IDisposable? owned = null;
        if (runtime == "engine")
        {
            var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["input"] = [batch, 1, 28, 28] }, engine: EngineOptions.Default with { Threads = threads });
            inputs[0].AsFloats().CopyTo(plan.Input("input").Floats);
            run = plan.Forward;
        }
        else
        {
            var session = OnnxRuntimeSession.FromModel(model, new OnnxRuntimeOptions { IntraOpThreads = threads });
            owned = session;
            run = () => session.Run(inputs);
        }
        using (owned)
        {
            for (var i = 0; i < 200; i++)
            {
                run();
            }
            var samples = new double[2000];
            for (var i = 0; i < samples.Length; i++)
            {
                var t = Stopwatch.GetTimestamp();
                run();
                samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds * 1000;
            }
            Array.Sort(samples);
            return samples[samples.Length / 2];
        }
    }

    private static double InferChild(string runtime, int batch, int threads)
    {
        using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["infer-child", runtime, $"{batch}", $"{threads}"]) { RedirectStandardOutput = true })!;
        var output = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        return double.Parse(output, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Median milliseconds of two actions timed in alternating blocks, so both see the same machine
    /// load. Blocks rather than single calls, with a pause between them: both runtimes keep their
    /// worker threads spinning for a while after a call, and a neighbour's spinning threads would
    /// otherwise take the other's cores.
    /// </summary>
    private static (double A, double B) Interleaved(Action a, Action b, int runs)
    {
        const int Block = 50;
        for (var i = 0; i < Block; i++)
        {
            a();
        }
        for (var i = 0; i < Block; i++)
        {
            b();
        }
        var sa = new double[runs];
        var sb = new double[runs];
        for (var start = 0; start < runs; start += Block)
        {
            var end = Math.Min(runs, start + Block);
            // The other runtime's threads spin for a while after its last call and would take this
            // one's second core: let them park, then warm up untimed.
            Thread.Sleep(20);
            for (var i = 0; i < 5; i++)
            {
                a();
            }
            for (var i = start; i < end; i++)
            {
                var t = Stopwatch.GetTimestamp();
                a();
                sa[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            Thread.Sleep(20);
            for (var i = 0; i < 5; i++)
            {
                b();
            }
            for (var i = start; i < end; i++)
            {
                var t = Stopwatch.GetTimestamp();
                b();
                sb[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }
        Array.Sort(sa);
        Array.Sort(sb);
        return (sa[runs / 2], sb[runs / 2]);
    }
}
