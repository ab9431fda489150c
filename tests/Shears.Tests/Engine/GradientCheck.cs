using Shears.Engine;
using Shears.IR;

namespace Shears.Tests.Engine;

/// <summary>
/// Checks the engine's backward pass against central finite differences. The loss is Σ output·R
/// for a fixed random R, so dL/d(output) = R; weights (initializers) and the listed inputs are checked.
/// </summary>
internal static class GradientCheck
{
    public static void Verify(Model model, IReadOnlyDictionary<string, float[]> inputs, IReadOnlyCollection<string>? inputsToCheck = null,
        float epsilon = 1e-2f, double tolerance = 1e-2, int samplesPerTensor = 24, int seed = 7)
    {
        inputsToCheck ??= [.. inputs.Keys.Where(name => model.Graph.FindValueInfo(name)?.ElementType == DataType.Float)];
        var shapes = model.Graph.RuntimeInputs.ToDictionary(i => i.Name, i => i.Shape!.ToArray().Select(d => (int)d).ToArray());
        var plan = ExecutionPlan.Compile(model, shapes, ExecutionMode.Training, inputsWithGradients: inputsToCheck);
        foreach (var (name, data) in inputs)
        {
            var target = plan.Input(name);
            if (target.Type == DataType.Int64)
            {
                for (var i = 0; i < data.Length; i++)
                {
                    target.Longs[i] = (long)data[i];
                }
            }
            else
            {
                data.CopyTo(target.Floats, 0);
            }
        }
        var output = plan.OutputNames[0];
        var random = new Random(seed);
        var weights = Enumerable.Range(0, plan.Output(output).Length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

        plan.Parameters.ZeroGrads();
        plan.Forward();
        plan.Backward(new Dictionary<string, float[]> { [output] = weights });

        var checks = plan.Parameters.Trainable.Select(n => (Name: n, Value: plan.Parameters.Value(n), Grad: (float[])plan.Parameters.Grad(n).Floats.Clone()))
            .Concat(inputsToCheck.Select(n => (Name: n, Value: plan.Input(n), Grad: (float[])plan.Gradient(n)!.Floats.Clone())))
            .ToList();
        Assert.NotEmpty(checks);
        foreach (var (name, value, analytic) in checks)
        {
            var indices = value.Length <= samplesPerTensor
                ? Enumerable.Range(0, value.Length)
                : Enumerable.Range(0, samplesPerTensor).Select(_ => random.Next(value.Length));
            foreach (var i in indices)
            {
                var original = value.Floats[i];
                value.Floats[i] = original + epsilon;
                var plus = Loss(plan, output, weights);
                value.Floats[i] = original - epsilon;
                var minus = Loss(plan, output, weights);
                value.Floats[i] = original;
                var numeric = (plus - minus) / (2 * epsilon);
                var error = Math.Abs(numeric - analytic[i]);
                Assert.True(error <= tolerance * Math.Max(1, Math.Max(Math.Abs(numeric), Math.Abs(analytic[i]))),
                    $"d loss / d {name}[{i}]: analytic {analytic[i]:G6}, numeric {numeric:G6}");
            }
        }
    }

    private static double Loss(ExecutionPlan plan, string output, float[] weights)
    {
        plan.Forward();
        var y = plan.Output(output).Floats;
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (double)y[i] * weights[i];
        }
        return sum;
    }

    public static float[] RandomData(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale)];
    }

    public static Tensor RandomWeight(string name, int seed, params long[] dims) =>
        Tensor.FromFloats(name, dims, RandomData((int)dims.Aggregate(1L, (a, b) => a * b), seed, 0.5f));
}
