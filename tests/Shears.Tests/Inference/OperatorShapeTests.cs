using Shears.IR;
using Shears.IR.Inference;
using static Shears.Tests.Inference.InferenceHarness;

namespace Shears.Tests.Inference;

public sealed class OperatorShapeTests
{
    [Fact]
    public void MatMul_broadcasts_batch_dimensions_and_handles_vectors()
    {
        Assert.Equal(S(2, 3, 4, 6), ShapeOf(b => b.Add("MatMul", [b.Input("a", 2, 1, 4, 5), b.Input("b", 3, 5, 6)])));
        Assert.Equal(S(3), ShapeOf(b => b.Add("MatMul", [b.Input("a", 3, 5), b.Input("b", 5)])));
        Assert.Equal(S(6), ShapeOf(b => b.Add("MatMul", [b.Input("a", 5), b.Input("b", 5, 6)])));
        Assert.Throws<ShapeInferenceException>(() => ShapeOf(b => b.Add("MatMul", [b.Input("a", 3, 4), b.Input("b", 5, 6)])));
    }

    [Fact]
    public void Gemm_honours_transposes()
    {
        Assert.Equal(S(8, 10), ShapeOf(b => b.Add("Gemm", [b.Input("a", 8, 784), b.Initializer(Zeros("w", 10, 784)), b.Initializer(Zeros("c", 10))], Int("transB", 1))));
        Assert.Equal(S(784, 10), ShapeOf(b => b.Add("Gemm", [b.Input("a", 8, 784), b.Input("b", 8, 10)], Int("transA", 1))));
    }

    [Fact]
    public void Elementwise_ops_broadcast_and_comparisons_give_bool()
    {
        var b = new GraphBuilder();
        var sum = b.Add("Add", [b.Input("x", 1, 3, 8, 8), b.Input("y", 3, 1, 1)]);
        var less = b.Add("Less", [sum, b.Input("z", 8)]);
        var result = Infer(b);
        Assert.Equal(S(1, 3, 8, 8), result.ShapeOf(sum));
        Assert.Equal(DataType.Bool, result.Find(less)!.ElementType);
        Assert.Throws<ShapeInferenceException>(() => ShapeOf(g => g.Add("Mul", [g.Input("x", 3, 4), g.Input("y", 5)])));
    }

    [Fact]
    public void Cast_changes_the_element_type()
    {
        var b = new GraphBuilder();
        var y = b.Add("Cast", [b.Input("x", 2, 2)], NodeAttribute.Of("to", (long)DataType.Int64));
        Assert.Equal(DataType.Int64, Infer(b).Find(y)!.ElementType);
    }

    [Fact]
    public void LayerNormalization_statistics_keep_leading_axes()
    {
        var b = new GraphBuilder();
        var outputs = b.AddMany("LayerNormalization", [b.Input("x", 2, 197, 768), b.Initializer(Zeros("g", 768)), b.Initializer(Zeros("beta", 768))], 3);
        var result = Infer(b);
        Assert.Equal(S(2, 197, 768), result.ShapeOf(outputs[0]));
        Assert.Equal(S(2, 197, 1), result.ShapeOf(outputs[1]));
    }

    [Fact]
    public void BatchNormalization_checks_channels_and_old_spatial_form_is_accepted()
    {
        Assert.Equal(S(1, 4, 5, 5), ShapeOf(b => b.Add("BatchNormalization",
            [b.Input("x", 1, 4, 5, 5), b.Initializer(Zeros("s", 4)), b.Initializer(Zeros("b", 4)), b.Initializer(Zeros("m", 4)), b.Initializer(Zeros("v", 4))],
            Int("spatial", 1)), opset: 7));
        Assert.Throws<ShapeInferenceException>(() => ShapeOf(b => b.Add("BatchNormalization",
            [b.Input("x", 1, 4, 5, 5), b.Initializer(Zeros("s", 3)), b.Initializer(Zeros("b", 3)), b.Initializer(Zeros("m", 3)), b.Initializer(Zeros("v", 3))])));
    }

    [Fact]
    public void Reductions_with_attribute_and_input_axes()
    {
        Assert.Equal(S(2, 1, 4), ShapeOf(b => b.Add("ReduceMean", [b.Input("x", 2, 3, 4)], Ints("axes", 1)), opset: 13));
        Assert.Equal(S(2, 4), ShapeOf(b => b.Add("ReduceMean", [b.Input("x", 2, 3, 4), b.Vector("axes", -2)], Int("keepdims", 0)), opset: 18));
        Assert.Equal(S(2, 4), ShapeOf(b => b.Add("ReduceSum", [b.Input("x", 2, 3, 4), b.Vector("axes", 1)], Int("keepdims", 0)), opset: 13));
        Assert.Equal(S(1, 1, 1), ShapeOf(b => b.Add("ReduceMax", [b.Input("x", 2, 3, 4)]), opset: 13));
        Assert.Equal(S(2, 4), ShapeOf(b => b.Add("ArgMax", [b.Input("x", 2, 3, 4)], Int("axis", 1), Int("keepdims", 0))));
    }

    [Fact]
    public void Resize_by_scales_or_sizes_and_old_upsample()
    {
        Assert.Equal(S(1, 3, 16, 24), ShapeOf(b => b.Add("Resize", [b.Input("x", 1, 3, 8, 12), "", b.Initializer(Tensor.FromFloats("scales", [4], [1, 1, 2, 2]))]), opset: 13));
        Assert.Equal(S(1, 3, 5, 7), ShapeOf(b => b.Add("Resize", [b.Input("x", 1, 3, 8, 12), "", "", b.Vector("sizes", 1, 3, 5, 7)]), opset: 13));
        Assert.Equal(S(1, 3, 16, 24), ShapeOf(b => b.Add("Resize", [b.Input("x", 1, 3, 8, 12), b.Initializer(Tensor.FromFloats("scales", [4], [1, 1, 2, 2]))]), opset: 10));
        Assert.Equal(S(1, 3, 16, 24), ShapeOf(b => b.Add("Upsample", [b.Input("x", 1, 3, 8, 12), b.Initializer(Tensor.FromFloats("scales", [4], [1, 1, 2, 2]))]), opset: 9));
        Assert.Equal(S(1, 3, 16, 24), ShapeOf(b => b.Add("Upsample", [b.Input("x", 1, 3, 8, 12)], NodeAttribute.Of("scales", 1f, 1f, 2f, 2f)), opset: 7));
    }

    [Fact]
    public void Einsum_follows_the_equation()
    {
        Assert.Equal(S(2, 12, 197, 197), ShapeOf(b => b.Add("Einsum", [b.Input("q", 2, 12, 197, 64), b.Input("k", 2, 12, 197, 64)], Str("equation", "bhqd,bhkd->bhqk"))));
        Assert.Equal(S(3, 5), ShapeOf(b => b.Add("Einsum", [b.Input("a", 3, 4), b.Input("b", 4, 5)], Str("equation", "ij,jk"))));
        Assert.Equal(S(7, 3, 5), ShapeOf(b => b.Add("Einsum", [b.Input("a", 7, 3, 4), b.Input("b", 4, 5)], Str("equation", "...ij,jk->...ik"))));
    }

    [Fact]
    public void Dropout_mask_and_maxpool_indices_have_their_types()
    {
        var b = new GraphBuilder();
        var dropout = b.AddMany("Dropout", [b.Input("x", 2, 3)], 2);
        var pool = b.AddMany("MaxPool", [b.Input("y", 1, 1, 4, 4)], 2, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        var result = Infer(b);
        Assert.Equal(DataType.Bool, result.Find(dropout[1])!.ElementType);
        Assert.Equal(DataType.Int64, result.Find(pool[1])!.ElementType);
        Assert.Equal(S(1, 1, 2, 2), result.ShapeOf(pool[1]));
    }

    [Fact]
    public void Unknown_operator_is_kept_with_a_warning_and_annotations_carry_on()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 4);
        var mystery = b.AddNode(new Node("FancyOp", [x], ["m"], "fancy", "com.example")).Outputs[0];
        b.Graph.ValueInfos.Add(new ValueInfo("m", DataType.Float, S(1, 8)));
        var y = b.Add("Relu", [mystery]);
        var result = Infer(b);
        Assert.Equal(S(1, 8), result.ShapeOf(y));
        Assert.Contains(result.Warnings, w => w.Contains("com.example.FancyOp", StringComparison.Ordinal) && w.Contains("fancy", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_category_listed_in_op_traits_has_a_shape_rule()
    {
        var missing = OpTraits.All.Keys
            .Where(op => OpTraits.CategoryOf(op) is not (OpCategory.ControlFlow or OpCategory.Unknown))
            .Where(op => ShapeRules.Find(op) is null)
            .ToList();
        Assert.Empty(missing);
    }
}
