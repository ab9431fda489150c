using Shears.Engine;
using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Tests.Engine.Ops;

/// <summary>
/// Finite-difference check of one executor compiled in a chosen mode, driven directly (plans only
/// back-propagate in training mode; this reaches inference-form gradients such as frozen BatchNorm).
/// The loss is Σ output₀·R; the gradients of every input and initializer not listed as constant are checked.
/// </summary>
internal static class SingleExecutorGradient
{
    public static void Verify(Model model, IReadOnlyDictionary<string, float[]> inputs, ExecutionMode mode, IReadOnlyCollection<string>? constants = null, float epsilon = 1e-2f, double tolerance = 1e-2)
    {
        var graph = model.Graph;
        var node = Assert.Single(graph.Nodes);
        var shapes = graph.RuntimeInputs.ToDictionary(i => i.Name, i => i.Shape!);
        var inference = ShapeInference.Infer(model, new ShapeInferenceOptions { InputShapes = shapes });
        var tensors = node.Inputs.Select(name => graph.Initializers.TryGetValue(name, out var init)
            ? EngineTensor.FromTensor(init)
            : EngineTensor.FromFloats([.. shapes[name].ToArray().Select(d => (int)d)], (float[])inputs[name].Clone())).ToArray();
        var context = new OpExecutorContext(node, [.. tensors], [.. node.Outputs.Select(inference.Find)], model.OpsetVersion, mode, new EngineOptions());
        var executor = OpExecutorRegistry.Create(context);
        var weights = GradientCheck.RandomData(executor.Outputs[0].Length, 17);
        var checkedInputs = Enumerable.Range(0, tensors.Length).Where(i => constants?.Contains(node.Inputs[i]) != true).ToList();
        foreach (var i in checkedInputs)
        {
            executor.InputGrads[i] = EngineTensor.Zeros(tensors[i].Shape);
        }
        executor.OutputGrads[0] = EngineTensor.FromFloats(executor.Outputs[0].Shape, weights);
        executor.Forward();
        executor.Backward();
        foreach (var i in checkedInputs)
        {
            var value = tensors[i].Floats;
            for (var k = 0; k < tensors[i].Length; k++)
            {
                var original = value[k];
                value[k] = original + epsilon;
                var plus = Loss(executor, weights);
                value[k] = original - epsilon;
                var minus = Loss(executor, weights);
                value[k] = original;
                var numeric = (plus - minus) / (2 * epsilon);
                var analytic = executor.InputGrads[i]!.Floats[k];
                Assert.True(Math.Abs(numeric - analytic) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                    $"d loss / d {node.Inputs[i]}[{k}]: analytic {analytic:G6}, numeric {numeric:G6}");
            }
        }
    }

    private static double Loss(OpExecutor executor, float[] weights)
    {
        executor.Forward();
        var y = executor.Outputs[0].Floats;
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (double)y[i] * weights[i];
        }
        return sum;
    }
}
