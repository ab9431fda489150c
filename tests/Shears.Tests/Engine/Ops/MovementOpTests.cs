using Shears.IR;

namespace Shears.Tests.Engine.Ops;

public sealed class MovementOpTests
{
    private static NodeAttribute Ints(string name, params long[] values) => NodeAttribute.Of(name, values);

    private static NodeAttribute Int(string name, long value) => NodeAttribute.Of(name, value);

    private static Dictionary<string, float[]> Random(string name, int count, int seed = 1) => new() { [name] = GradientCheck.RandomData(count, seed) };

    [Fact]
    public void Transpose_matches_ort_with_explicit_and_default_perm()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4, 5);
        b.Output(b.Add("Transpose", [x], Ints("perm", 0, 2, 3, 1)));
        b.Output(b.Add("Transpose", [x]));
        b.Output(b.Add("Transpose", [x], Ints("perm", 0, 2, 1, 3)));
        EngineVsOrt.AssertSame(b.ToModel());
    }

    [Fact]
    public void Transpose_larger_than_one_tile_matches_ort_and_gradients()
    {
        // 37 × 21 positions per batch cross several 16 × 16 tiles, with partial tiles at the edges.
        var b = new GraphBuilder();
        b.Output(b.Add("Transpose", [b.Input("x", 3, 37, 21)], Ints("perm", 2, 0, 1)));
        var model = b.ToModel();
        EngineVsOrt.AssertSame(model);
        GradientCheck.Verify(model, Random("x", 3 * 37 * 21), samplesPerTensor: 64);
    }

    [Fact]
    public void Transpose_gradient()
    {
        var b = new GraphBuilder();
        b.Output(b.Add("Transpose", [b.Input("x", 2, 3, 4)], Ints("perm", 2, 0, 1)));
        GradientCheck.Verify(b.ToModel(), Random("x", 24));
    }

    private static Model ConcatOfThree()
    {
        var b = new GraphBuilder();
        var inputs = new[] { b.Input("a", 2, 1, 3), b.Input("b", 2, 4, 3), b.Input("c", 2, 2, 3) };
        b.Output(b.Add("Concat", inputs, Int("axis", -2)));
        return b.ToModel();
    }

    [Fact]
    public void Concat_of_three_inputs_on_a_middle_axis_matches_ort_and_gradients()
    {
        EngineVsOrt.AssertSame(ConcatOfThree());
        GradientCheck.Verify(ConcatOfThree(), new Dictionary<string, float[]>
        {
            ["a"] = GradientCheck.RandomData(6, 1),
            ["b"] = GradientCheck.RandomData(24, 2),
            ["c"] = GradientCheck.RandomData(12, 3),
        });
    }

    [Fact]
    public void Concat_of_int64_vectors_runs_when_not_folded()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", DataType.Int64, 3);
        var k = b.Vector("k", 7, 8);
        b.Output(b.Add("Concat", [x, k], Int("axis", 0)), DataType.Int64);
        EngineVsOrt.AssertSame(b.ToModel(), new Dictionary<string, Array> { ["x"] = new long[] { 4, -5, 6 } });
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(18)]
    public void Split_in_every_opset_form_matches_ort(int opset)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 7, 3);
        string[] parts = opset switch
        {
            11 => b.AddMany("Split", [x], 3, Int("axis", 1), Ints("split", 2, 4, 1)),
            13 => b.AddMany("Split", [x, b.Vector("split", 3, 3, 1)], 3, Int("axis", -2)),
            // num_outputs with an uneven last part (opset 18).
            _ => b.AddMany("Split", [x], 3, Int("axis", 1), Int("num_outputs", 3)),
        };
        foreach (var part in parts)
        {
            b.Output(part);
        }
        EngineVsOrt.AssertSame(b.ToModel(opset));
    }

    [Fact]
    public void Split_evenly_without_sizes_and_its_gradient()
    {
        var b = new GraphBuilder();
        var parts = b.AddMany("Split", [b.Input("x", 2, 6)], 3, Int("axis", 1));
        // Only two parts reach the loss: the third part's gradient is absent.
        b.Output(b.Add("Concat", [parts[2], parts[0]], Int("axis", 0)));
        var model = b.ToModel(13);
        EngineVsOrt.AssertSame(model);
        GradientCheck.Verify(model, Random("x", 12));
    }

    [Fact]
    public void Slice_with_negative_steps_axes_and_clamped_ends_matches_ort()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 4, 6, 5);
        b.Output(b.Add("Slice", [x, b.Vector("s", -1, 1), b.Vector("e", long.MinValue, 100), b.Vector("a", -1, 1), b.Vector("t", -2, 2)]));
        b.Output(b.Add("Slice", [x, b.Vector("s", 1), b.Vector("e", -1)]));
        b.Output(b.Add("Slice", [x, b.Vector("s", 5, 0), b.Vector("e", 0, 3), b.Vector("a", 1, 2), b.Vector("t", -1, 1)]));
        EngineVsOrt.AssertSame(b.ToModel(13));
    }

    [Fact]
    public void Slice_with_attributes_before_opset_10_matches_ort()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 3, 8);
        b.Output(b.Add("Slice", [x], Ints("starts", 1, 2), Ints("ends", 3, -1), Ints("axes", 0, 1)));
        EngineVsOrt.AssertSame(b.ToModel(9));
    }

    [Fact]
    public void Slice_with_negative_step_gradient()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 3, 7);
        b.Output(b.Add("Slice", [x, b.Vector("s", -1, 2), b.Vector("e", -10, 7), b.Vector("a", 1, 0), b.Vector("t", -2, 1)]));
        GradientCheck.Verify(b.ToModel(13), Random("x", 21));
    }

    [Fact]
    public void Gather_matches_ort_on_several_axes_and_index_shapes()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 5, 4, 3);
        var idx = b.Input("idx", DataType.Int64, 2, 3);
        b.Output(b.Add("Gather", [x, idx]));
        b.Output(b.Add("Gather", [x, b.Vector("k", -1, 0, 2)], Int("axis", 1)));
        b.Output(b.Add("Gather", [x, b.Initializer(Tensor.FromInt64s("scalar", [], [1]))], Int("axis", -1)));
        EngineVsOrt.AssertSame(b.ToModel(), new Dictionary<string, Array> { ["idx"] = new long[] { 4, -1, 0, 2, 2, -5 } });
    }

    [Fact]
    public void Gather_out_of_range_index_fails_clearly()
    {
        var b = new GraphBuilder();
        var idx = b.Input("idx", DataType.Int64, 2);
        b.Output(b.Add("Gather", [b.Input("x", 3, 2), idx]));
        var error = Assert.Throws<ShearsException>(() => EngineVsOrt.RunEngine(b.ToModel(), new Dictionary<string, Array>
        {
            ["x"] = new float[6],
            ["idx"] = new long[] { 1, 3 },
        }));
        Assert.Contains("index 3 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedding_lookup_gradient_accumulates_repeated_and_negative_indices()
    {
        var b = new GraphBuilder();
        var table = b.Initializer(GradientCheck.RandomWeight("embedding", 3, 5, 4));
        var tokens = b.Input("tokens", DataType.Int64, 2, 3);
        b.Output(b.Add("Gather", [table, tokens]));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["tokens"] = [1, 1, -1, 4, 0, 1] }, inputsToCheck: []);
    }

    [Fact]
    public void Gather_gradient_on_an_inner_axis()
    {
        var b = new GraphBuilder();
        b.Output(b.Add("Gather", [b.Input("x", 2, 4, 3), b.Vector("k", 3, -1, 0)], Int("axis", 1)));
        GradientCheck.Verify(b.ToModel(), Random("x", 24));
    }

    [Fact]
    public void Expand_and_Tile_match_ort()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 3, 1);
        b.Output(b.Add("Expand", [x, b.Vector("shape", 2, 1, 4)]));
        b.Output(b.Add("Expand", [x, b.Vector("shape", 3, 1)]));
        b.Output(b.Add("Tile", [x, b.Vector("repeats", 2, 3)]));
        EngineVsOrt.AssertSame(b.ToModel());
    }

    [Fact]
    public void Expand_gradient_sums_over_broadcast_axes()
    {
        var b = new GraphBuilder();
        b.Output(b.Add("Expand", [b.Input("x", 3, 1, 2), b.Vector("shape", 2, 3, 4, 2)]));
        GradientCheck.Verify(b.ToModel(), Random("x", 6));
    }

    [Fact]
    public void Tile_gradient_sums_the_copies()
    {
        var b = new GraphBuilder();
        b.Output(b.Add("Tile", [b.Input("x", 2, 3), b.Vector("repeats", 3, 2)]));
        GradientCheck.Verify(b.ToModel(), Random("x", 6));
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("reflect")]
    [InlineData("edge")]
    public void Pad_modes_match_ort(string mode)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4, 5);
        b.Output(b.Add("Pad", [x, b.Vector("pads", 0, 1, 2, 3, 0, 2, 1, 0), b.Initializer(Tensor.FromFloats("value", [], [1.5f]))], NodeAttribute.Of("mode", mode)));
        EngineVsOrt.AssertSame(b.ToModel(13));
    }

    [Fact]
    public void Pad_with_negative_pads_attributes_and_axes_matches_ort()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 3, 6);
        b.Output(b.Add("Pad", [x, b.Vector("pads", 1, -2, -1, 3)]));
        EngineVsOrt.AssertSame(b.ToModel(13));

        var old = new GraphBuilder();
        old.Output(old.Add("Pad", [old.Input("x", 3, 6)], Ints("pads", 0, 2, 1, 0), NodeAttribute.Of("value", -1f)));
        EngineVsOrt.AssertSame(old.ToModel(9));

        var axes = new GraphBuilder();
        var y = axes.Input("x", 2, 3, 4);
        axes.Output(axes.Add("Pad", [y, axes.Vector("pads", 2, 1), axes.Initializer(Tensor.FromFloats("v", [], [0f])), axes.Vector("axes", -1)], NodeAttribute.Of("mode", "edge")));
        EngineVsOrt.AssertSame(axes.ToModel(18));
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("reflect")]
    [InlineData("edge")]
    public void Pad_gradient(string mode)
    {
        var b = new GraphBuilder();
        b.Output(b.Add("Pad", [b.Input("x", 2, 3, 4), b.Vector("pads", 0, 2, 1, 0, -1, 2)], NodeAttribute.Of("mode", mode)));
        GradientCheck.Verify(b.ToModel(13), Random("x", 24));
    }

    [Theory]
    [InlineData("DCR")]
    [InlineData("CRD")]
    public void DepthToSpace_and_SpaceToDepth_match_ort(string mode)
    {
        var b = new GraphBuilder();
        b.Output(b.Add("DepthToSpace", [b.Input("x", 2, 8, 3, 2)], Int("blocksize", 2), NodeAttribute.Of("mode", mode)));
        b.Output(b.Add("SpaceToDepth", [b.Input("y", 2, 3, 4, 6)], Int("blocksize", 2)));
        EngineVsOrt.AssertSame(b.ToModel());
    }

    [Fact]
    public void DepthToSpace_gradient()
    {
        var b = new GraphBuilder();
        b.Output(b.Add("DepthToSpace", [b.Input("x", 1, 8, 2, 2)], Int("blocksize", 2)));
        GradientCheck.Verify(b.ToModel(), Random("x", 32));
    }

    [Theory]
    [InlineData("none", 13)]
    [InlineData("add", 16)]
    [InlineData("mul", 16)]
    [InlineData("max", 18)]
    [InlineData("min", 18)]
    public void ScatterND_matches_ort(string reduction, int opset)
    {
        var b = new GraphBuilder();
        var attributes = reduction == "none" ? [] : new[] { NodeAttribute.Of("reduction", reduction) };
        // Slices of rows (index tuples of length 1) and single elements (tuples of length 3).
        b.Output(b.Add("ScatterND", [b.Input("x", 4, 3, 2), b.Initializer(Tensor.FromInt64s("rows", [2, 1], [2, -4])), b.Input("u", 2, 3, 2)], attributes));
        b.Output(b.Add("ScatterND", [b.Input("y", 4, 3, 2), b.Initializer(Tensor.FromInt64s("cells", [3, 3], [0, 1, 1, 3, 2, 0, 1, 0, 1])), b.Input("v", 3)], attributes));
        EngineVsOrt.AssertSame(b.ToModel(opset));
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(-1, "none")]
    [InlineData(1, "add")]
    public void ScatterElements_matches_ort(long axis, string reduction)
    {
        var b = new GraphBuilder();
        var attributes = new List<NodeAttribute> { Int("axis", axis) };
        if (reduction != "none")
        {
            attributes.Add(NodeAttribute.Of("reduction", reduction));
        }
        b.Output(b.Add("ScatterElements", [b.Input("x", 3, 4), b.Input("i", DataType.Int64, 2, 3), b.Input("u", 2, 3)], [.. attributes]));
        var indices = axis == 0 ? new long[] { 0, 2, -1, 1, 0, 2 } : [3, 0, -2, 1, 1, 2];
        EngineVsOrt.AssertSame(b.ToModel(18), new Dictionary<string, Array> { ["i"] = indices });
    }
}
