using System.Diagnostics;
using Shears.Engine;
using Shears.Models;
using static Shears.Bench.Pipeline.Timing;

namespace Shears.Bench.Pipeline;

/// <summary>Where a training step's time goes: median forward and backward milliseconds of every executor, batch 128, random data.</summary>
internal static class ExecutorProfile
{
    public static void Training(Action<string> line, Architecture architecture, int steps = 40)
    {
        var model = ModelZoo.Build(architecture);
        var plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["input"] = [128, 1, 28, 28] }, ExecutionMode.Training);
        var random = new Random(1);
        var input = plan.Input("input").Floats;
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextDouble();
        }
        var gradient = new float[plan.Output("logits").Length];
        var executors = plan.Executors;
        var forward = new long[steps][];
        var backward = new long[steps][];
        var seeds = new Dictionary<string, float[]> { ["logits"] = gradient };
        for (var s = 0; s < steps; s++)
        {
            forward[s] = new long[executors.Count];
            backward[s] = new long[executors.Count + 1];
            plan.ForwardTimed(forward[s]);
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] = (float)(random.NextDouble() - 0.5) / 128;
            }
            var started = Stopwatch.GetTimestamp();
            plan.BackwardTimed(seeds, backward[s]);
            // Whatever the executors' own ticks leave out: clearing gradient buffers and seeding.
            backward[s][executors.Count] = Stopwatch.GetTimestamp() - started - backward[s].Take(executors.Count).Sum();
        }
        line($"## Executor profile: {Architectures.Name(architecture)} training step, batch 128, {plan.Engine.EffectiveThreads} threads (median of {steps - 5} steps)");
        line("");
        line("| node | op | forward ms | backward ms |");
        line("|---|---|---:|---:|");
        double totalForward = 0, totalBackward = 0;
        for (var k = 0; k < executors.Count; k++)
        {
            var f = Median(forward, k);
            var b = Median(backward, k);
            totalForward += f;
            totalBackward += b;
            line($"| {executors[k].Name} | {executors[k].Op} | {F(f, "0.000")} | {F(b, "0.000")} |");
        }
        var outside = Median(backward, executors.Count);
        line($"| (gradient clearing) | | | {F(outside, "0.000")} |");
        line($"| total | | {F(totalForward, "0.000")} | {F(totalBackward + outside, "0.000")} |");
        line("");
    }

    private static double Median(long[][] samples, int index)
    {
        var values = samples.Skip(5).Select(s => s[index] * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return values[values.Length / 2];
    }
}
