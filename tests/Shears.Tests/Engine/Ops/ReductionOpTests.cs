using Shears.IR;

namespace Shears.Tests.Engine.Ops;

public sealed class ReductionOpTests
{
    private static readonly string[] AllReductions =
        ["ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp"];

    /// <summary>A reduction node with axes as an attribute or as an input, whichever the opset uses.</summary>
    private static string Reduce(GraphBuilder b, string op, string x, long opset, long[]? axes, long keepdims = 1, long noop = 0)
    {
        var axesAsInput = op == "ReduceSum" ? opset >= 13 : opset >= 18;
        var attributes = new List<NodeAttribute> { NodeAttribute.Of("keepdims", keepdims) };
        if (noop != 0)
        {
            attributes.Add(NodeAttribute.Of("noop_with_empty_axes", noop));
        }
        if (axes is null)
        {
            return b.Add(op, [x], [.. attributes]);
        }
        if (axesAsInput)
        {
            return b.Add(op, [x, b.Vector("axes", axes)], [.. attributes]);
        }
        attributes.Add(NodeAttribute.Of("axes", axes));
        return b.Add(op, [x], [.. attributes]);
    }

    public static TheoryData<string, int> ReductionsAndOpsets()
    {
        var data = new TheoryData<string, int>();
        foreach (var op in AllReductions)
        {
            data.Add(op, 13);
            data.Add(op, 18);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReductionsAndOpsets))]
    public void Reduction_matches_ort_for_axis_patterns_and_keepdims(string op, int opset)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 3, 4, 2, 5);
        b.Output(Reduce(b, op, x, opset, [-1]));
        b.Output(Reduce(b, op, x, opset, [0, 2], keepdims: 0));
        b.Output(Reduce(b, op, x, opset, [1, 2]));
        b.Output(Reduce(b, op, x, opset, null, keepdims: 0));
        b.Output(Reduce(b, op, x, opset, [3, 0, 1]));
        // Positive inputs keep LogSum and Prod well defined.
        var positive = GradientCheck.RandomData(120, 4).Select(v => 0.6f + (v * 0.5f)).ToArray();
        EngineVsOrt.AssertSame(b.ToModel(opset), new Dictionary<string, Array> { ["x"] = positive });
    }

    [Fact]
    public void Empty_axes_with_noop_pass_the_input_through()
    {
        var b = new GraphBuilder();
        b.Output(Reduce(b, "ReduceSum", b.Input("x", 2, 3), 13, null, noop: 1));
        EngineVsOrt.AssertSame(b.ToModel(13));
    }

    [Fact]
    public void Log_sum_exp_is_stable_for_large_inputs()
    {
        var b = new GraphBuilder();
        b.Output(Reduce(b, "ReduceLogSumExp", b.Input("x", 2, 6), 13, [1]));
        var large = GradientCheck.RandomData(12, 5).Select(v => 200f + (v * 3f)).ToArray();
        EngineVsOrt.AssertSame(b.ToModel(13), new Dictionary<string, Array> { ["x"] = large });
    }

    [Theory]
    [InlineData("ReduceSum", 11)]
    [InlineData("ReduceSum", 13)]
    [InlineData("ReduceMean", 13)]
    [InlineData("ReduceMean", 18)]
    [InlineData("ReduceSumSquare", 13)]
    [InlineData("ReduceL2", 13)]
    public void Reduction_gradients_over_non_adjacent_axes(string op, int opset)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4);
        var y = Reduce(b, op, x, opset, [0, -1], keepdims: 0);
        var z = Reduce(b, op, x, opset, [1]);
        b.Output(b.Add("Add", [b.Add("Reshape", [y, b.Vector("s", 1, 3, 1)]), z]));
        GradientCheck.Verify(b.ToModel(opset), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 6) });
    }

    [Fact]
    public void ArgMax_and_ArgMin_match_ort_including_ties_and_last_index()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 3, 4, 5);
        b.Output(b.Add("ArgMax", [x], NodeAttribute.Of("axis", 1L)), DataType.Int64);
        b.Output(b.Add("ArgMin", [x], NodeAttribute.Of("axis", -1L), NodeAttribute.Of("keepdims", 0L)), DataType.Int64);
        b.Output(b.Add("ArgMax", [x], NodeAttribute.Of("axis", 2L), NodeAttribute.Of("select_last_index", 1L)), DataType.Int64);
        b.Output(b.Add("ArgMin", [x], NodeAttribute.Of("select_last_index", 1L)), DataType.Int64);
        // Few distinct values so ties are common.
        var values = GradientCheck.RandomData(60, 7).Select(v => MathF.Round(v * 2f)).ToArray();
        EngineVsOrt.AssertSame(b.ToModel(13), new Dictionary<string, Array> { ["x"] = values });
    }

    [Theory]
    [InlineData("Softmax", 11, 1)]
    [InlineData("Softmax", 11, -1)]
    [InlineData("Softmax", 13, 1)]
    [InlineData("Softmax", 13, -1)]
    [InlineData("LogSoftmax", 11, 1)]
    [InlineData("LogSoftmax", 13, 1)]
    [InlineData("LogSoftmax", 13, -1)]
    public void Softmax_family_matches_ort_with_large_inputs(string op, int opset, long axis)
    {
        var b = new GraphBuilder();
        b.Output(b.Add(op, [b.Input("x", 2, 3, 4, 5)], NodeAttribute.Of("axis", axis)));
        var large = GradientCheck.RandomData(120, 8).Select(v => v * 60f).ToArray();
        EngineVsOrt.AssertSame(b.ToModel(opset), new Dictionary<string, Array> { ["x"] = large });
    }

    [Theory]
    [InlineData("Softmax", 11, 1)]
    [InlineData("Softmax", 13, 1)]
    [InlineData("Softmax", 13, -1)]
    [InlineData("LogSoftmax", 11, 1)]
    [InlineData("LogSoftmax", 13, -2)]
    [InlineData("LogSoftmax", 13, -1)]
    public void Softmax_family_gradients(string op, int opset, long axis)
    {
        var b = new GraphBuilder();
        b.Output(b.Add(op, [b.Input("x", 2, 3, 4)], NodeAttribute.Of("axis", axis)));
        GradientCheck.Verify(b.ToModel(opset), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 9, 2f) });
    }
}
