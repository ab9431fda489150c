using Microsoft.ML.OnnxRuntime;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Onnx;

namespace Shears.OnnxRuntime.Profiling;

/// <summary>
/// Times models in ONNX Runtime on the CPU with all graph optimisations, as a deployment would run
/// them. Whole-model times come from a plain session (profiling off, inputs and outputs bound once, so
/// a timed run is the session's run alone); per-node times from ONNX Runtime's own profiler in a second
/// session, whose profile file is written to a temporary folder, read, and deleted.
/// </summary>
public sealed class OrtLatencyMeter : ILatencyMeter
{
    private readonly GraphOptimization _optimization;

    /// <summary>A meter that times at <paramref name="optimization"/>; all graph optimisations by default, as a deployment would run.</summary>
    /// <param name="optimization">The graph optimisation level of the timed sessions.</param>
    public OrtLatencyMeter(GraphOptimization optimization = GraphOptimization.All) => _optimization = optimization;

    /// <inheritdoc/>
    public LatencyRuntime Runtime => LatencyRuntime.OnnxRuntime;

    /// <inheritdoc/>
    public LatencyMeasurement Measure(Model model, MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var batched = ModelBatch.With(model, options.Settings.Batch);
        var bytes = OnnxWriter.ToBytes(batched);
        if (!options.PerNode)
        {
            return MeasurePlain(bytes, batched, model, options);
        }
        if (!options.WholeModelInPlainSession)
        {
            return MeasureProfiled(bytes, batched, model, options);
        }
        // The profiler writes an event per node and run; its cost belongs to no deployment, so the headline comes
        // from a session without it, and only the per-node breakdown from the profiled one.
        var plain = MeasurePlain(bytes, batched, model, options with { PerNode = false });
        var profiled = MeasureProfiled(bytes, batched, model, options);
        return plain with { Nodes = profiled.Nodes };
    }

    private LatencyMeasurement MeasurePlain(byte[] bytes, Model batched, Model model, MeasurementOptions options)
    {
        using var settings = Settings(options);
        using var session = Open(bytes, settings, batched);
        using var run = Bind(session, batched, model);
        return MeasurementSummary.Summarize(Sample(run.Run, options, model), [], [], options);
    }

    private LatencyMeasurement MeasureProfiled(byte[] bytes, Model batched, Model model, MeasurementOptions options)
    {
        var profileFolder = Directory.CreateTempSubdirectory("shears-ort-profile-").FullName;
        try
        {
            using var settings = Settings(options);
            // The prefix must be set first: enabling profiling takes the prefix in force at that moment.
            settings.ProfileOutputPathPrefix = Path.Combine(profileFolder, "profile");
            settings.EnableProfiling = true;
            using var session = Open(bytes, settings, batched);
            IReadOnlyList<RunTiming> timings;
            using (var run = Bind(session, batched, model))
            {
                // The profile has one row per run, so every run is a sample of its own.
                timings = Sample(run.Run, options, model, runsAlone: true);
            }
            var profilePath = session.EndProfiling();
            var profile = OrtProfile.Parse(File.ReadAllText(profilePath));
            TryDeleteFile(profilePath);
            var (nodes, durations) = profile.PerRun();
            // The profile holds the shaping and warm-up runs too; the timed runs are the last ones.
            var timed = durations.Skip(Math.Max(0, durations.Count - timings.Count)).ToList();
            if (timed.Count != timings.Count)
            {
                return MeasurementSummary.Summarize(timings, [], [], options);
            }
            var attribution = new OrtNodeAttribution(batched.Graph);
            var described = nodes.Select(node => (node.Name, node.Op, attribution.LayerOf(node.Name, node.Op))).ToList();
            return MeasurementSummary.Summarize(timings, described, timed, options);
        }
        finally
        {
            TryDelete(profileFolder);
        }
    }

    private SessionOptions Settings(MeasurementOptions options) => SessionSettings.Create(new OnnxRuntimeOptions
    {
        IntraOpThreads = options.Settings.Threads,
        InterOpThreads = 1,
        Optimization = _optimization,
    });

    private static OrtBoundRun Bind(InferenceSession session, Model batched, Model model)
    {
        // After the batch is set, every input's first axis is concrete; other symbolic axes become 1.
        var inputs = RandomInputs.For(batched);
        try
        {
            return new OrtBoundRun(session, inputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw RunFailure(model, e);
        }
    }

    private static IReadOnlyList<RunTiming> Sample(Action run, MeasurementOptions options, Model model, bool runsAlone = false)
    {
        try
        {
            return RunSampler.Sample(run, runsAlone ? options with { MinSampleTime = TimeSpan.Zero } : options);
        }
        catch (OnnxRuntimeException e)
        {
            throw RunFailure(model, e);
        }
    }

    private static ShearsException RunFailure(Model model, OnnxRuntimeException e) =>
        new($"{Describe(model)}: ONNX Runtime failed to run the model: {OrtMessage.OneLine(e)}", e);

    private static InferenceSession Open(byte[] bytes, SessionOptions settings, Model model)
    {
        try
        {
            return new InferenceSession(bytes, settings);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ShearsException($"{Describe(model)}: ONNX Runtime cannot load the model: {OrtMessage.OneLine(e)}", e);
        }
    }

    private static string Describe(Model model) => model.Graph.Name.Length > 0 ? $"model '{model.Graph.Name}'" : "model";

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
