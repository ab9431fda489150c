using System.Diagnostics;
using Shears.Engine;
using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// Times models in the Shears engine: compiled once for the batch, inputs filled with a fixed
/// pattern. Whole-model times come from plain <see cref="ExecutionPlan.Forward"/> runs; per-kernel times from a
/// second pass of <see cref="ExecutionPlan.ForwardTimed"/>. The plan runs with the meter's engine options and the
/// measurement's thread count, so meters may time models side by side.
/// </summary>
/// <param name="engine">Kernel variant and Winograd choice of the timed plans; <see cref="EngineOptions.Default"/> when null. Threads come from each measurement's settings.</param>
public sealed class EngineLatencyMeter(EngineOptions? engine = null) : ILatencyMeter
{
    private readonly EngineOptions _engine = engine ?? EngineOptions.Default;

    /// <inheritdoc/>
    public LatencyRuntime Runtime => LatencyRuntime.Engine;

    /// <inheritdoc/>
    public LatencyMeasurement Measure(Model model, MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var shapes = ModelBatch.InputShapes(model, options.Settings.Batch)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToArray().Select(size => checked((int)size)).ToArray(), StringComparer.Ordinal);
        var plan = ExecutionPlan.Compile(model, shapes, engine: _engine with { Threads = options.Settings.Threads });
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
        if (!options.PerNode)
        {
            return MeasurementSummary.Summarize(RunSampler.Sample(plan.Forward, options), [], [], options);
        }
        if (!options.WholeModelInPlainSession)
        {
            return MeasureTimed(plan, options);
        }
        // Kernel timers cost little but not nothing beside a microsecond model: the headline comes from plain runs,
        // only the per-node breakdown from the timed ones.
        var plain = MeasurementSummary.Summarize(RunSampler.Sample(plan.Forward, options with { PerNode = false }), [], [], options);
        return plain with { Nodes = MeasureTimed(plan, options).Nodes };
    }

    private static LatencyMeasurement MeasureTimed(ExecutionPlan plan, MeasurementOptions options)
    {
        var executors = plan.Executors;
        var ticks = new long[executors.Count];
        var rows = new List<long[]>(Math.Min(options.MaxRuns, 4096));
        var warmupLeft = options.WarmupRuns;
        // Each run's kernel times form one row, so every run is a sample of its own.
        var timings = RunSampler.Sample(
            () =>
            {
                plan.ForwardTimed(ticks);
                if (warmupLeft-- <= 0)
                {
                    rows.Add((long[])ticks.Clone());
                }
            },
            options with { MinSampleTime = TimeSpan.Zero });
        var durations = rows.Select(row => row.Select(tick => tick * 1000.0 / Stopwatch.Frequency).ToArray()).ToList();
        var nodes = executors.Select(executor => (executor.Name, executor.Op, (string?)executor.Name)).ToList();
        return MeasurementSummary.Summarize(timings, nodes, durations, options);
    }
}
