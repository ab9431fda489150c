using System.CommandLine;
using Shears.Cli.Rendering;
using Shears.Hardware.Host;
using Shears.Hardware.Latency;
using Shears.Onnx;
using Shears.OnnxRuntime.Profiling;

namespace Shears.Cli.Commands;

/// <summary>
/// `shears profile MODEL [--runtime ort|engine] [--threads T] [--batch B] [--tables] [--json]`: measured
/// latency on this host, whole and per layer, beside the latency model's prediction.
/// </summary>
internal sealed class ProfileCommand : ICliCommand
{
    private static readonly Dictionary<string, TimingClock> Clocks = new(StringComparer.Ordinal)
    {
        ["wall"] = TimingClock.Wall,
        ["cpu"] = TimingClock.ThreadCpu,
    };

    public Command Build(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "ONNX model file" };
        var runtime = new Option<string>("--runtime") { Description = "ort (ONNX Runtime, default) | engine (Shears engine)" };
        var threads = new Option<int>("--threads") { Description = "Threads inside one operator (default 1)", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Batch size (default 1)", DefaultValueFactory = _ => 1 };
        var tables = new Option<bool>("--tables") { Description = "Measure this model's latency tables first (cached), so predictions use them" };
        var clock = new Option<string>("--clock") { Description = "wall (elapsed, default) | cpu (thread CPU time: steadier on a busy machine; single thread only)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var shapes = new ShapeOptions();
        var command = new Command("profile", "Measure a model's latency on this host, whole and per layer, beside the latency model's prediction.")
        {
            model, runtime, threads, batch, tables, clock, json,
        };
        shapes.AddTo(command);
        command.SetAction(parse =>
        {
            var settings = new LatencySettings
            {
                Runtime = RuntimeOption.Parse(parse.GetValue(runtime)),
                Threads = Positive("--threads", parse.GetValue(threads)),
                Batch = Positive("--batch", parse.GetValue(batch)),
            };
            var timing = EnumOption.Parse("--clock", parse.GetValue(clock), Clocks, TimingClock.Wall);
            if (timing == TimingClock.ThreadCpu && settings.Threads != 1)
            {
                throw new UsageException("--clock cpu needs --threads 1: other threads' time is not on the calling thread's clock");
            }
            var path = parse.GetValue(model)!;
            var loaded = shapes.Bind(parse, OnnxReader.Read(path));
            ILatencyMeter meter = settings.Runtime == LatencyRuntime.Engine ? new EngineLatencyMeter(EngineOption.Resolve()) : new OrtLatencyMeter();
            var host = ProgressDisplay.Run(output, "host", parse.GetValue(json), progress => new HostDetector().Detect(progress: progress));
            var report = ProgressDisplay.Run(output, "profiling", parse.GetValue(json), progress => ProfileReport.Measure(
                loaded,
                Path.GetFileName(path),
                host,
                meter,
                MeasurementOptions.Default with { Settings = settings, Clock = timing },
                LatencyTableStore.Default(),
                parse.GetValue(tables),
                progress: progress));
            if (parse.GetValue(json))
            {
                output.Out.WriteLine(ProfileReportJson.Serialize(report));
            }
            else
            {
                ProfileView.Render(output.Console, report);
            }
            return 0;
        });
        return command;
    }

    private static int Positive(string option, int value) =>
        value >= 1 ? value : throw new UsageException($"{option} {value} must be at least 1");
}
