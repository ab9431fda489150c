using System.Diagnostics;
using System.Globalization;
using Shears.Hardware.Host;
using Shears.Hardware.Latency;
using Shears.Onnx;
using Shears.OnnxRuntime.Profiling;

namespace Shears.Bench.Latency;

/// <summary>
/// Latency benchmarks in ONNX Runtime on this host:
///   table --model M.onnx [--threads T] [--batch B] [--cache DIR] [--fresh] [--passes P]   time to build M's latency table, with cliffs
///   validate --model A.onnx --model B.onnx [--variants N] [--rounds R] [--threads T] [--passes P] [--cache DIR] [--output FILE.md]
///   curve --layer TEXT [--axis output|input|coupled] [--threads T] [--cache DIR]   measured points and the curve read from them
/// </summary>
internal static class BenchCommand
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "curve")
        {
            return CurveReport.Run(new BenchArguments(args[1..]));
        }
        if (args.Length == 0 || args[0] is not ("table" or "validate"))
        {
            Console.Error.WriteLine("usage: Shears.Bench.Latency table|validate --model M.onnx [...] (see BenchCommand.cs)");
            return 2;
        }
        var options = new BenchArguments(args[1..]);
        var settings = new LatencySettings { Threads = options.Int("threads", 1), Batch = options.Int("batch", 1) };
        var profile = new HostDetector().Detect();
        var store = options.Text("cache") is { } cache ? new LatencyTableStore(cache) : LatencyTableStore.Default();
        var models = options.All("model").Select(path => (Name: Path.GetFileNameWithoutExtension(path), Model: OnnxReader.Read(path))).ToList();
        if (models.Count == 0)
        {
            Console.Error.WriteLine("give at least one --model");
            return 2;
        }
        var progress = new Progress<string>(line => Console.Error.WriteLine($"  {line}"));
        var table = options.Flag("fresh") ? null : store.TryLoad(profile.Fingerprint!, settings);
        var builder = new LatencyTableBuilder(new OrtLatencyMeter(), LatencyTableBuilderOptions.ForHost(profile, settings) with
        {
            Passes = options.Int("passes", 3),
        });
        foreach (var (name, model) in models)
        {
            var watch = Stopwatch.StartNew();
            table = builder.Build(model, table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"table for {name}: {builder.MeasuredModels} single-layer models measured in {watch.Elapsed.TotalSeconds:0.0} s"));
        }
        store.Save(table!);
        if (args[0] == "table")
        {
            foreach (var line in TableReport.Lines(table!, models.Select(m => m.Model)))
            {
                Console.WriteLine(line);
            }
            return 0;
        }
        var validation = new ValidationOptions
        {
            VariantsPerModel = options.Int("variants", 20),
            Rounds = options.Int("rounds", 3),
        };
        validation = validation with { Measurement = validation.Measurement with { Settings = settings } };
        var latencyModel = new MeasuredLatencyModel(table!, CalibratedLatencyModel.Fit(profile, table!));
        var started = Stopwatch.StartNew();
        var report = LatencyModelValidation.Run(models, latencyModel, new OrtLatencyMeter(), validation, progress);
        var markdown = ValidationMarkdown.Write(report, profile, started.Elapsed);
        Console.WriteLine(markdown);
        if (options.Text("output") is { } output)
        {
            File.WriteAllText(output, markdown);
        }
        return 0;
    }
}
