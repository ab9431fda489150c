using System.Diagnostics;
using Shears.Engine;
using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// Times models in the Shears engine: compiled once for the batch, inputs filled with a fixed
/// pattern, every kernel timed by <see cref="ExecutionPlan.ForwardTimed"/>. Kernel threads follow
/// the options for the measurement and are restored afterwards (they are a process-wide setting,
/// so measure one model at a time).
/// </summary>
public sealed class EngineLatencyMeter : ILatencyMeter
{
    public LatencyRuntime Runtime => LatencyRuntime.Engine;

    public LatencyMeasurement Measure(Model model, MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var shapes = ModelBatch.InputShapes(model, options.Settings.Batch)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToArray().Select(size => checked((int)size)).ToArray(), StringComparer.Ordinal);
        var plan = ExecutionPlan.Compile(model, shapes);
        foreach (var input in plan.InputNames)
        {
            var tensor = plan.Input(input);
            if (tensor.Type == DataType.Float)
            {
                var data = tensor.Span;
                for (var i = 0; i < data.Length; i++)
                {
                    data[i] = (float)Math.Sin(i * 0.1);
                }
            }
        }
        var executors = plan.Executors;
        var ticks = new long[executors.Count];
        var rows = new List<double[]>();
        var previousThreads = EngineSettings.Threads;
        EngineSettings.Threads = options.Settings.Threads;
        IReadOnlyList<RunTiming> timings;
        try
        {
            var warmupLeft = options.WarmupRuns;
            timings = RunSampler.Sample(
                () =>
                {
                    plan.ForwardTimed(ticks);
                    if (warmupLeft-- <= 0)
                    {
                        rows.Add([.. ticks.Select(tick => tick * 1000.0 / Stopwatch.Frequency)]);
                    }
                },
                options);
        }
        finally
        {
            EngineSettings.Threads = previousThreads;
        }
        var nodes = executors.Select(executor => (executor.Name, executor.Op, (string?)executor.Name)).ToList();
        return MeasurementSummary.Summarize(timings, options.PerNode ? nodes : [], options.PerNode ? rows : [], options);
    }
}
