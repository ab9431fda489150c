using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Tests.Inference;

/// <summary>Builds one-node (or small) graphs and infers their shapes.</summary>
internal static class InferenceHarness
{
    public static NodeAttribute Ints(string name, params long[] values) => NodeAttribute.Of(name, values);

    public static NodeAttribute Int(string name, long value) => NodeAttribute.Of(name, value);

    public static NodeAttribute Str(string name, string value) => NodeAttribute.Of(name, value);

    public static Tensor Zeros(string name, params long[] dims) =>
        Tensor.FromFloats(name, dims, new float[dims.Aggregate(1L, (p, d) => p * d)]);

    /// <summary>Infers a graph built by <paramref name="build"/> and returns the shape of the value it returns.</summary>
    public static Shape? ShapeOf(Func<GraphBuilder, string> build, long opset = 17, ShapeInferenceOptions? options = null)
    {
        var builder = new GraphBuilder();
        var output = build(builder);
        builder.Output(output);
        return ShapeInference.Infer(builder.ToModel(opset), options).ShapeOf(output);
    }

    public static ShapeInferenceResult Infer(GraphBuilder builder, long opset = 17, ShapeInferenceOptions? options = null) =>
        ShapeInference.Infer(builder.ToModel(opset), options);

    public static Shape S(params long[] dims) => Shape.Of(dims);
}
