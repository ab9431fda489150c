using System.Diagnostics;
using Shears.Engine;
using Shears.Engine.Training;
using Shears.IR;

namespace Shears.Evaluation;

/// <summary>Measures a model's forward latency in the Shears engine at a batch size.</summary>
public static class EngineLatency
{
    /// <summary>Runs <paramref name="warmup"/> untimed passes, then times passes until <paramref name="minRuns"/> runs and <paramref name="minSeconds"/> have both passed (capped at <paramref name="maxRuns"/>).</summary>
    /// <param name="model">The model to time; it must have a single runtime input.</param>
    /// <param name="sampleShape">One sample's shape without the batch, such as [1, 28, 28].</param>
    /// <param name="batch">Samples per timed pass.</param>
    /// <param name="warmup">Untimed passes first, so allocation and caches settle.</param>
    /// <param name="minRuns">Fewest timed passes.</param>
    /// <param name="minSeconds">Least total time spent timing, in seconds.</param>
    /// <param name="maxRuns">Most timed passes, whatever the time.</param>
    /// <param name="engine">Options of the timed plan; <see cref="EngineOptions.Default"/> when null.</param>
    public static LatencySummary Measure(Model model, IReadOnlyList<int> sampleShape, int batch, int warmup = 3, int minRuns = 10, double minSeconds = 0.5, int maxRuns = 1000, EngineOptions? engine = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleShape);
        var input = Trainer.SingleInput(model);
        var perSample = InputLayout.Resolve(model, input, sampleShape);
        var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { [input] = [batch, .. perSample] }, engine: engine);
        var data = plan.Input(input).Floats;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)Math.Sin(i * 0.1);
        }
        for (var i = 0; i < warmup; i++)
        {
            plan.Forward();
        }
        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (samples.Count < maxRuns && (samples.Count < minRuns || total.Elapsed.TotalSeconds < minSeconds))
        {
            var start = Stopwatch.GetTimestamp();
            plan.Forward();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return LatencySummary.FromSamples(batch, samples);
    }
}
