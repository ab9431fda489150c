using Shears.IR;
using Shears.IR.Inference;
using static Shears.Tests.Inference.InferenceHarness;

namespace Shears.Tests.Inference;

public sealed class MovementShapeTests
{
    [Fact]
    public void Reshape_copies_zero_and_infers_minus_one()
    {
        Assert.Equal(S(2, 3, 20), ShapeOf(b => b.Add("Reshape", [b.Input("x", 2, 3, 4, 5), b.Vector("shape", 0, 0, -1)])));
    }

    [Fact]
    public void Reshape_allowzero_makes_an_empty_dimension()
    {
        Assert.Equal(S(0, 4), ShapeOf(b => b.Add("Reshape", [b.Input("x", 0, 2, 2), b.Vector("shape", 0, 4)], Int("allowzero", 1))));
    }

    [Fact]
    public void Reshape_to_a_wrong_count_is_an_error()
    {
        Assert.Throws<ShapeInferenceException>(() => ShapeOf(b => b.Add("Reshape", [b.Input("x", 2, 3), b.Vector("shape", 4, 2)])));
    }

    [Fact]
    public void Reshape_before_opset_5_reads_the_shape_attribute()
    {
        Assert.Equal(S(6, 4), ShapeOf(b => b.Add("Reshape", [b.Input("x", 2, 3, 4)], Ints("shape", -1, 4)), opset: 4));
    }

    [Fact]
    public void Reshape_cancels_symbolic_batch_when_inferring_minus_one()
    {
        var shape = ShapeOf(
            b => b.Add("Reshape", [b.Input("x", DataType.Float, Dim.Named("N"), 197, 768), b.Vector("shape", 0, 0, 12, -1)]),
            options: new ShapeInferenceOptions { DefaultDimValue = null });
        Assert.Equal(new Shape([Dim.Named("N"), 197, 12, 64]), shape);
    }

    [Fact]
    public void Flatten_at_any_axis()
    {
        Assert.Equal(S(6, 20), ShapeOf(b => b.Add("Flatten", [b.Input("x", 2, 3, 4, 5)], Int("axis", 2))));
        Assert.Equal(S(1, 120), ShapeOf(b => b.Add("Flatten", [b.Input("x", 2, 3, 4, 5)], Int("axis", 0))));
        Assert.Equal(S(24, 5), ShapeOf(b => b.Add("Flatten", [b.Input("x", 2, 3, 4, 5)], Int("axis", -1))));
    }

    [Fact]
    public void Transpose_defaults_to_reversing_axes()
    {
        Assert.Equal(S(5, 4, 3), ShapeOf(b => b.Add("Transpose", [b.Input("x", 3, 4, 5)])));
        Assert.Equal(S(3, 5, 4), ShapeOf(b => b.Add("Transpose", [b.Input("x", 3, 4, 5)], Ints("perm", 0, 2, 1))));
    }

    [Fact]
    public void Squeeze_and_unsqueeze_take_axes_from_attribute_before_13_and_input_after()
    {
        Assert.Equal(S(3, 4), ShapeOf(b => b.Add("Squeeze", [b.Input("x", 1, 3, 1, 4)], Ints("axes", 0, 2)), opset: 11));
        Assert.Equal(S(3, 4), ShapeOf(b => b.Add("Squeeze", [b.Input("x", 1, 3, 1, 4), b.Vector("axes", 0, -2)]), opset: 13));
        Assert.Equal(S(3, 4), ShapeOf(b => b.Add("Squeeze", [b.Input("x", 1, 3, 1, 4)]), opset: 13));
        Assert.Equal(S(1, 3, 1, 4), ShapeOf(b => b.Add("Unsqueeze", [b.Input("x", 3, 4)], Ints("axes", 0, 2)), opset: 11));
        Assert.Equal(S(3, 4, 1), ShapeOf(b => b.Add("Unsqueeze", [b.Input("x", 3, 4), b.Vector("axes", -1)]), opset: 13));
    }

    [Fact]
    public void Squeezing_a_non_unit_axis_is_an_error()
    {
        Assert.Throws<ShapeInferenceException>(() => ShapeOf(b => b.Add("Squeeze", [b.Input("x", 2, 3), b.Vector("axes", 0)]), opset: 13));
    }

    [Fact]
    public void Concat_adds_along_the_axis()
    {
        Assert.Equal(S(2, 7, 4), ShapeOf(b => b.Add("Concat", [b.Input("a", 2, 3, 4), b.Input("b", 2, 4, 4)], Int("axis", -2))));
    }

    [Fact]
    public void Split_by_sizes_equal_parts_and_uneven_num_outputs()
    {
        var b13 = new GraphBuilder();
        var parts = b13.AddMany("Split", [b13.Input("x", 2, 10), b13.Vector("split", 3, 7)], 2, Int("axis", 1));
        var r13 = Infer(b13, opset: 13);
        Assert.Equal(S(2, 3), r13.ShapeOf(parts[0]));
        Assert.Equal(S(2, 7), r13.ShapeOf(parts[1]));

        var b11 = new GraphBuilder();
        var equal = b11.AddMany("Split", [b11.Input("x", 6, 2)], 3);
        Assert.All(equal, p => Assert.Equal(S(2, 2), Infer(b11, opset: 11).ShapeOf(p)));

        var b18 = new GraphBuilder();
        var uneven = b18.AddMany("Split", [b18.Input("x", 7)], 3, Int("num_outputs", 3));
        var r18 = Infer(b18, opset: 18);
        Assert.Equal([S(3), S(3), S(1)], uneven.Select(u => r18.ShapeOf(u)));
    }

    [Fact]
    public void Slice_before_opset_10_reads_attributes()
    {
        Assert.Equal(S(2, 2), ShapeOf(b => b.Add("Slice", [b.Input("x", 4, 6)], Ints("starts", 1, 2), Ints("ends", 3, 4)), opset: 9));
    }

    [Fact]
    public void Gather_replaces_the_axis_with_the_index_shape()
    {
        Assert.Equal(S(1, 197, 768), ShapeOf(b => b.Add("Gather", [b.Initializer(Zeros("table", 1000, 768)), b.Input("ids", DataType.Int64, 1, 197)])));
    }

    [Fact]
    public void Expand_and_tile_broadcast_and_repeat()
    {
        Assert.Equal(S(4, 3, 5), ShapeOf(b => b.Add("Expand", [b.Input("x", 3, 1), b.Vector("shape", 4, 1, 5)])));
        Assert.Equal(S(6, 2), ShapeOf(b => b.Add("Tile", [b.Input("x", 3, 1), b.Vector("repeats", 2, 2)])));
    }

    [Fact]
    public void Pad_uses_attribute_before_11_and_input_after()
    {
        Assert.Equal(S(1, 3, 10, 12), ShapeOf(b => b.Add("Pad", [b.Input("x", 1, 3, 8, 8)], Ints("pads", 0, 0, 1, 2, 0, 0, 1, 2)), opset: 2));
        Assert.Equal(S(1, 3, 10, 12), ShapeOf(b => b.Add("Pad", [b.Input("x", 1, 3, 8, 8), b.Vector("pads", 0, 0, 1, 2, 0, 0, 1, 2)]), opset: 13));
    }

    [Fact]
    public void Depth_and_space_rearrangements()
    {
        Assert.Equal(S(1, 2, 8, 8), ShapeOf(b => b.Add("DepthToSpace", [b.Input("x", 1, 8, 4, 4)], Int("blocksize", 2))));
        Assert.Equal(S(1, 32, 2, 2), ShapeOf(b => b.Add("SpaceToDepth", [b.Input("x", 1, 8, 4, 4)], Int("blocksize", 2))));
    }
}
