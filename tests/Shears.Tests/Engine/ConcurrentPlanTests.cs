using Shears.Engine;
using Shears.Engine.Kernels;
using Shears.Models;

namespace Shears.Tests.Engine;

/// <summary>
/// Engine options belong to a plan, not to the process: two plans with different threads, kernel
/// variant, Winograd choice and A reads, run at the same time, give bit for bit what each gives alone.
/// </summary>
public sealed class ConcurrentPlanTests
{
    // Batch 20: the CNN's second convolution (32 -> 64, 3x3) takes Winograd when allowed, and its
    // fully connected layers have enough rows for the packed GEMM rather than the dot-product path.
    private const int Batch = 20;
    private const int Iterations = 12;

    private static readonly EngineOptions Wide = new() { Threads = 2, Winograd = true };

    // The next narrower variant keeps this test fast; scalar only where nothing else exists.
    private static readonly EngineOptions Narrow = new()
    {
        Threads = 1,
        Winograd = false,
        ReadRowMajorA = false,
        Kernels = KernelRegistry.Available.Length > 1 ? KernelRegistry.Available[^2] : KernelVariant.Scalar,
    };

    [Theory]
    [InlineData(ExecutionMode.Inference)]
    [InlineData(ExecutionMode.Training)]
    public void Plans_with_different_options_run_side_by_side_exactly_as_alone(ExecutionMode mode)
    {
        var model = ModelZoo.Build(Architecture.Cnn, seed: 1);
        var (wide, narrow) = (new Runner(model, mode, Wide), new Runner(model, mode, Narrow));
        var (wideAlone, narrowAlone) = (wide.Step(), narrow.Step());
        // Winograd against im2col rounds differently: the options really reached the kernels.
        Assert.NotEqual(wideAlone, narrowAlone);

        using var start = new Barrier(2);
        var failures = new List<Exception>();
        var threads = new[] { (wide, wideAlone), (narrow, narrowAlone) }.Select(pair => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var i = 0; i < Iterations; i++)
                {
                    Assert.Equal(pair.Item2, pair.Item1.Step());
                }
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.Empty(failures);
    }

    /// <summary>One plan over its own weights, run on a fixed input; a training step also back-propagates.</summary>
    private sealed class Runner
    {
        private readonly ExecutionPlan _plan;
        private readonly string _output;

        public Runner(Shears.IR.Model model, ExecutionMode mode, EngineOptions options)
        {
            _plan = ExecutionPlan.Compile(model, new Dictionary<string, int[]> { ["input"] = [Batch, 1, 28, 28] }, mode, engine: options);
            _output = _plan.OutputNames[0];
            var input = _plan.Input("input").Floats;
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = MathF.Sin(i * 0.37f);
            }
        }

        /// <summary>The outputs followed, in training, by every weight gradient, as raw bits.</summary>
        public int[] Step()
        {
            _plan.Forward();
            var result = new List<float>(_plan.Output(_output).Span.ToArray());
            if (_plan.Mode == ExecutionMode.Training)
            {
                _plan.Parameters.ZeroGrads();
                var seed = Enumerable.Range(0, result.Count).Select(i => MathF.Cos(i * 0.11f)).ToArray();
                _plan.Backward(new Dictionary<string, float[]> { [_output] = seed });
                foreach (var name in _plan.Parameters.Trainable)
                {
                    result.AddRange(_plan.Parameters.Grad(name).Span.ToArray());
                }
            }
            return [.. result.Select(BitConverter.SingleToInt32Bits)];
        }
    }
}
