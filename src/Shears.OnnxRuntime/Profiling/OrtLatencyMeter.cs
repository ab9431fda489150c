using Microsoft.ML.OnnxRuntime;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Onnx;

namespace Shears.OnnxRuntime.Profiling;

/// <summary>
/// Times models in ONNX Runtime on the CPU with all graph optimisations, as a deployment would run
/// them. Per-node times come from ONNX Runtime's own profiler; its profile file is written to a
/// temporary folder, read, and deleted.
/// </summary>
public sealed class OrtLatencyMeter : ILatencyMeter
{
    private readonly GraphOptimization _optimization;

    /// <summary>A meter that times at <paramref name="optimization"/>; all graph optimisations by default, as a deployment would run.</summary>
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
        var profileFolder = options.PerNode ? Directory.CreateTempSubdirectory("shears-ort-profile-").FullName : null;
        try
        {
            using var settings = SessionSettings.Create(new OnnxRuntimeOptions
            {
                IntraOpThreads = options.Settings.Threads,
                InterOpThreads = 1,
                Optimization = _optimization,
            });
            if (profileFolder is not null)
            {
                // The prefix must be set first: enabling profiling takes the prefix in force at that moment.
                settings.ProfileOutputPathPrefix = Path.Combine(profileFolder, "profile");
                settings.EnableProfiling = true;
            }
            using var session = Open(bytes, settings, batched);
            var inputNames = session.InputNames.ToArray();
            var outputNames = session.OutputNames.ToArray();
            // After the batch is set, every input's first axis is concrete; other symbolic axes become 1.
            var tensors = RandomInputs.For(batched).ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
            var values = inputNames.Select(name => TensorConversion.ToOrtValue(tensors[name])).ToList();
            try
            {
                using var runOptions = new RunOptions();
                void Run()
                {
                    using var outputs = session.Run(runOptions, inputNames, values, outputNames);
                }
                var timings = Sample(Run, options, model);
                if (profileFolder is null)
                {
                    return MeasurementSummary.Summarize(timings, [], [], options);
                }
                var profilePath = session.EndProfiling();
                var profile = OrtProfile.Parse(File.ReadAllText(profilePath));
                TryDeleteFile(profilePath);
                var (nodes, durations) = profile.PerRun();
                // The profile holds the warm-up runs too; the timed runs are the last ones.
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
                foreach (var value in values)
                {
                    value.Dispose();
                }
            }
        }
        finally
        {
            if (profileFolder is not null)
            {
                TryDelete(profileFolder);
            }
        }
    }

    private static IReadOnlyList<RunTiming> Sample(Action run, MeasurementOptions options, Model model)
    {
        try
        {
            return RunSampler.Sample(run, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ShearsException($"{Describe(model)}: ONNX Runtime failed to run the model: {OrtMessage.OneLine(e)}", e);
        }
    }

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
