using Shears.IR;
using Shears.IR.Inference;
using static Shears.Tests.Inference.InferenceHarness;

namespace Shears.Tests.Inference;

public sealed class ShapeFoldingTests
{
    /// <summary>x.view(x.size(0), -1) as PyTorch exports it.</summary>
    private static (GraphBuilder Builder, string Output) FlattenByShape(Dim batch)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", DataType.Float, batch, 3, 4, 5);
        var shape = b.Add("Shape", [x]);
        var first = b.Add("Gather", [shape, b.Initializer(Tensor.FromInt64s("zero", [], [0]))], NodeAttribute.Of("axis", 0L));
        var batchVector = b.Add("Unsqueeze", [first, b.Vector("axes", 0)]);
        var target = b.Add("Concat", [batchVector, b.Vector("minus_one", -1)], NodeAttribute.Of("axis", 0L));
        var y = b.Add("Reshape", [x, target]);
        b.Output(y);
        return (b, y);
    }

    [Fact]
    public void Shape_gather_concat_reshape_folds_to_a_concrete_shape()
    {
        var (b, y) = FlattenByShape(Dim.Named("batch"));
        var result = Infer(b, options: new ShapeInferenceOptions { DimBindings = new Dictionary<string, long> { ["batch"] = 8 } });
        Assert.Equal(S(8, 60), result.ShapeOf(y));
        Assert.True(result.IsComplete);
        var target = result.ConstantOf(b.Graph.Nodes[3].Outputs[0]);
        Assert.NotNull(target);
        Assert.Equal([8L, -1L], target.ToInt64s());
    }

    [Fact]
    public void Unbound_symbolic_batch_leaves_the_folded_shape_unknown_but_ranked()
    {
        var (b, y) = FlattenByShape(Dim.Named("batch"));
        var result = Infer(b, options: new ShapeInferenceOptions { DefaultDimValue = null });
        var shape = result.ShapeOf(y);
        Assert.NotNull(shape);
        Assert.Equal(2, shape.Rank);
        Assert.False(shape.IsConcrete);
    }

    [Fact]
    public void FoldConstants_replaces_shape_arithmetic_with_an_initializer()
    {
        var (b, y) = FlattenByShape(2);
        var model = b.ToModel();
        var result = ShapeInference.Infer(model);
        var folded = ShapeInference.FoldConstants(model, result);
        Assert.Equal(["Reshape"], folded.Graph.Nodes.Select(n => n.OpType));
        var reshape = folded.Graph.Nodes[0];
        Assert.Equal([2L, -1L], folded.Graph.FindInitializer(reshape.Inputs[1])!.ToInt64s());
        Assert.Equal(5, model.Graph.Nodes.Count);
        Assert.Equal(S(2, 60), ShapeInference.Infer(folded).ShapeOf(y));
    }

    [Fact]
    public void Attention_scale_sub_graph_folds_through_cast_and_sqrt()
    {
        var b = new GraphBuilder();
        var q = b.Input("q", 1, 12, 197, 64);
        var shape = b.Add("Shape", [q]);
        var last = b.Add("Slice", [shape, b.Vector("s", -1), b.Vector("e", long.MaxValue)]);
        var asFloat = b.Add("Cast", [last], NodeAttribute.Of("to", (long)DataType.Float));
        var root = b.Add("Sqrt", [asFloat]);
        var scale = b.Add("Div", [b.Initializer(Tensor.FromFloats("one", [], [1f])), root]);
        var result = Infer(b);
        var value = result.ConstantOf(scale);
        Assert.NotNull(value);
        Assert.Equal(0.125f, value.AsFloats()[0]);
    }

    [Fact]
    public void Range_constant_of_shape_equal_and_where_fold()
    {
        var b = new GraphBuilder();
        var range = b.Add("Range", [
            b.Initializer(Tensor.FromInt64s("start", [], [0])),
            b.Initializer(Tensor.FromInt64s("limit", [], [5])),
            b.Initializer(Tensor.FromInt64s("delta", [], [2]))]);
        var filled = b.Add("ConstantOfShape", [b.Vector("dims", 3)], NodeAttribute.Of("value", Tensor.FromInt64s("v", [1], [7])));
        var equal = b.Add("Equal", [range, b.Vector("two", 2)]);
        var chosen = b.Add("Where", [equal, filled, range]);
        var result = Infer(b);
        Assert.Equal([0L, 2L, 4L], result.ConstantOf(range)!.ToInt64s());
        Assert.Equal([7L, 7L, 7L], result.ConstantOf(filled)!.ToInt64s());
        Assert.Equal([0L, 7L, 4L], result.ConstantOf(chosen)!.ToInt64s());
    }

    [Fact]
    public void Integer_arithmetic_folds_exactly_with_truncating_division()
    {
        var b = new GraphBuilder();
        var a = b.Vector("a", 7, -7, 1L << 40);
        var d = b.Vector("d", 2, 2, 3);
        var quotient = b.Add("Div", [a, d]);
        var modulo = b.Add("Mod", [a, d]);
        var result = Infer(b);
        Assert.Equal([3L, -3L, (1L << 40) / 3], result.ConstantOf(quotient)!.ToInt64s());
        Assert.Equal([1L, 1L, (1L << 40) % 3], result.ConstantOf(modulo)!.ToInt64s());
    }

    [Fact]
    public void Slice_clamps_and_steps_backwards()
    {
        var b = new GraphBuilder();
        var v = b.Vector("v", 10, 20, 30, 40, 50);
        var reversed = b.Add("Slice", [v, b.Vector("s", -1), b.Vector("e", long.MinValue), b.Vector("a", 0), b.Vector("st", -2)]);
        var tail = b.Add("Slice", [v, b.Vector("s2", 3), b.Vector("e2", 100)]);
        var result = Infer(b);
        Assert.Equal([50L, 30L, 10L], result.ConstantOf(reversed)!.ToInt64s());
        Assert.Equal([40L, 50L], result.ConstantOf(tail)!.ToInt64s());
    }

    [Fact]
    public void Gather_transpose_and_reduce_fold_small_tensors()
    {
        var b = new GraphBuilder();
        var m = b.Initializer(Tensor.FromInt64s("m", [2, 3], [1, 2, 3, 4, 5, 6]));
        var column = b.Add("Gather", [m, b.Initializer(Tensor.FromInt64s("i", [1], [-1]))], NodeAttribute.Of("axis", 1L));
        var transposed = b.Add("Transpose", [m], NodeAttribute.Of("perm", 1L, 0L));
        var product = b.Add("ReduceProd", [m], NodeAttribute.Of("axes", [1L]), NodeAttribute.Of("keepdims", 0L));
        var result = Infer(b, opset: 13);
        Assert.Equal(S(2, 1), result.ShapeOf(column));
        Assert.Equal([3L, 6L], result.ConstantOf(column)!.ToInt64s());
        Assert.Equal([1L, 4L, 2L, 5L, 3L, 6L], result.ConstantOf(transposed)!.ToInt64s());
        Assert.Equal([6L, 120L], result.ConstantOf(product)!.ToInt64s());
    }
}
