using Shears.IR;
using Shears.IR.Inference;
using static Shears.Tests.Inference.InferenceHarness;

namespace Shears.Tests.Inference;

/// <summary>
/// Shape arithmetic where some elements are symbolic (batch, sequence): the known elements stay
/// known through Shape, Gather, Slice, Concat, Unsqueeze, Squeeze, Mul, Add, Div, Cast, Equal,
/// Where and Reshape, so what holds at every input size folds and the rest stays symbolic.
/// </summary>
public sealed class SymbolicShapeArithmeticTests
{
    private static readonly ShapeInferenceOptions Symbolic = new() { DefaultDimValue = null };

    private static string Scalar(GraphBuilder b, string hint, long value) => b.Initializer(Tensor.FromInt64s(b.Fresh(hint), [], [value]));

    private static string Element(GraphBuilder b, string shape, long index) =>
        b.Add("Gather", [shape, Scalar(b, "index", index)], NodeAttribute.Of("axis", 0L));

    private static string AsVector(GraphBuilder b, string scalar) => b.Add("Unsqueeze", [scalar, b.Vector("axes", 0)]);

    [Fact]
    public void Elements_of_a_known_axis_fold_while_the_batch_stays_symbolic()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", DataType.Float, Dim.Named("batch"), Dim.Named("sequence"), 128);
        var shape = b.Add("Shape", [x]);
        var width = Element(b, shape, -1);
        var headSize = b.Add("Div", [width, Scalar(b, "heads", 4)]);
        var bound = b.Add("Add", [b.Add("Cast", [headSize], NodeAttribute.Of("to", (long)DataType.Int64)), Scalar(b, "two", 2)]);
        var tail = b.Add("Slice", [shape, b.Vector("s", 1), b.Vector("e", 3)]);
        var result = Infer(b, options: Symbolic);

        Assert.Equal([128L], result.ConstantOf(width)!.ToInt64s());
        Assert.Equal([34L], result.ConstantOf(bound)!.ToInt64s());
        Assert.Null(result.ConstantOf(shape));
        Assert.Equal(S(3), result.ShapeOf(shape));
        Assert.Equal("[sequence,128]", result.SymbolicValues[tail].ToString());
    }

    [Fact]
    public void A_reshape_target_built_from_the_batch_keeps_the_batch_and_folds_the_rest()
    {
        // q.view(sequence, batch * heads, head_size), as nn.MultiheadAttention exports it.
        var b = new GraphBuilder();
        var x = b.Input("x", DataType.Float, Dim.Named("sequence"), Dim.Named("batch"), 128);
        var shape = b.Add("Shape", [x]);
        var sequence = AsVector(b, Element(b, shape, 0));
        var batchHeads = AsVector(b, b.Add("Mul", [Element(b, shape, 1), Scalar(b, "heads", 4)]));
        var headSize = AsVector(b, b.Add("Div", [Element(b, shape, 2), Scalar(b, "heads", 4)]));
        var target = b.Add("Concat", [sequence, batchHeads, headSize], NodeAttribute.Of("axis", 0L));
        var y = b.Add("Reshape", [x, target]);
        var result = Infer(b, options: Symbolic);

        Assert.Equal(new Shape([Dim.Named("sequence"), Dim.Named("4*batch"), 32]), result.ShapeOf(y));
        Assert.Equal([32L], result.ConstantOf(headSize)!.ToInt64s());
        Assert.Equal("[sequence,4*batch,32]", result.SymbolicValues[target].ToString());
    }

    [Fact]
    public void Bound_inputs_still_fold_the_whole_target()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", DataType.Float, Dim.Named("batch"), 768, 4, 4);
        var shape = b.Add("Shape", [x]);
        var target = b.Add("Concat", [AsVector(b, Element(b, shape, 0)), b.Vector("width", 768), b.Vector("rest", -1)], NodeAttribute.Of("axis", 0L));
        var y = b.Add("Reshape", [x, target]);

        var symbolic = Infer(b, options: Symbolic);
        Assert.Equal(new Shape([Dim.Named("batch"), 768, 16]), symbolic.ShapeOf(y));
        Assert.Null(symbolic.ConstantOf(target));

        var bound = Infer(b, options: new ShapeInferenceOptions { DimBindings = new Dictionary<string, long> { ["batch"] = 16 } });
        Assert.Equal([16L, 768L, -1L], bound.ConstantOf(target)!.ToInt64s());
        Assert.Equal(S(16, 768, 16), bound.ShapeOf(y));
    }

    [Fact]
    public void Expand_with_minus_one_keeps_the_batch_through_equal_and_where()
    {
        // class_token.expand(batch, -1, -1) as torch exports it.
        var b = new GraphBuilder();
        var x = b.Input("x", DataType.Float, Dim.Named("batch"), 16, 768);
        var token = b.Initializer(Zeros("token", 1, 1, 768));
        var sizes = b.Add("Concat", [AsVector(b, Element(b, b.Add("Shape", [x]), 0)), b.Vector("m1", -1), b.Vector("m2", -1)], NodeAttribute.Of("axis", 0L));
        var flat = b.Add("Reshape", [sizes, b.Vector("flat", -1)]);
        var ones = b.Add("ConstantOfShape", [b.Add("Shape", [flat])], NodeAttribute.Of("value", Tensor.FromInt64s("one", [1], [1])));
        var minusOnes = b.Add("Mul", [ones, Scalar(b, "minus", -1)]);
        var chosen = b.Add("Where", [b.Add("Equal", [flat, minusOnes]), ones, flat]);
        var expanded = b.Add("Expand", [token, chosen]);
        var result = Infer(b, options: Symbolic);

        Assert.Equal("[batch,1,1]", result.SymbolicValues[chosen].ToString());
        Assert.Equal(new Shape([Dim.Named("batch"), 1, 768]), result.ShapeOf(expanded));
    }

    [Fact]
    public void Squeeze_and_constant_of_shape_carry_symbolic_elements()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", DataType.Float, Dim.Named("batch"), 3);
        var shape = b.Add("Shape", [x]);
        var first = b.Add("Slice", [shape, b.Vector("s", 0), b.Vector("e", 1)]);
        var squeezed = b.Add("Squeeze", [first, b.Vector("axes", 0)]);
        var doubled = b.Add("Mul", [Scalar(b, "two", 2), squeezed]);
        var zeros = b.Add("ConstantOfShape", [b.Add("Concat", [AsVector(b, doubled), b.Vector("three", 3)], NodeAttribute.Of("axis", 0L))]);
        var result = Infer(b, opset: 13, options: Symbolic);

        Assert.Equal(Shape.Scalar, result.ShapeOf(squeezed));
        Assert.Equal("[2*batch]", result.SymbolicValues[doubled].ToString());
        Assert.Equal(new Shape([Dim.Named("2*batch"), 3]), result.ShapeOf(zeros));
    }

    [Theory]
    [InlineData("batch", 4, "*", "4*batch")]
    [InlineData("4*batch", 4, "/", "batch")]
    [InlineData("4*batch", 3, "/", "?")]
    [InlineData("batch", 0, "+", "batch")]
    [InlineData("batch", 1, "+", "?")]
    [InlineData("batch", -1, "=", "0")]
    [InlineData("batch", 1, "=", "?")]
    [InlineData("batch", 0, "*", "0")]
    public void Element_arithmetic_is_exact_or_unknown(string symbol, long known, string op, string expected)
    {
        var a = ShapeElement.Of(Dim.Named(symbol));
        var k = ShapeElement.Known(known);
        var result = op switch
        {
            "*" => a * k,
            "/" => a / k,
            "+" => a + k,
            _ => ShapeElement.Equal(a, k),
        };
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void The_same_symbol_cancels()
    {
        var batch = ShapeElement.Named("batch");
        Assert.Equal(ShapeElement.Named("batch", 3), batch + ShapeElement.Named("batch", 2));
        Assert.Equal(ShapeElement.Known(0), ShapeElement.Named("batch", 2) - ShapeElement.Named("batch", 2));
        Assert.Equal(ShapeElement.Known(1), ShapeElement.Equal(batch, batch));
        Assert.Equal(ShapeElement.Unknown, batch * ShapeElement.Named("sequence"));
    }
}
