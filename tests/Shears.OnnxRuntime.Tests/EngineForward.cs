using Shears.Engine;
using Shears.IR;

namespace Shears.OnnxRuntime.Tests;

/// <summary>Runs float inputs through the managed engine and returns every output, for comparison with ONNX Runtime.</summary>
internal static class EngineForward
{
    public static Dictionary<string, (long[] Shape, float[] Values)> Run(Model model, IReadOnlyList<Tensor> inputs)
    {
        var plan = ExecutionPlan.Compile(model, inputs.ToDictionary(t => t.Name, t => t.Dims.Select(d => checked((int)d)).ToArray(), StringComparer.Ordinal));
        foreach (var input in inputs)
        {
            input.ToFloats().CopyTo(plan.Input(input.Name).Floats, 0);
        }
        plan.Forward();
        return plan.OutputNames.ToDictionary(
            name => name,
            name => (plan.Output(name).Shape.Select(d => (long)d).ToArray(), plan.Output(name).Span.ToArray()),
            StringComparer.Ordinal);
    }
}
