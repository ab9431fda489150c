using Shears.IR;

namespace Shears.Tests.Engine.Ops;

public sealed class UtilityOpTests
{
    private static NodeAttribute To(DataType type) => NodeAttribute.Of("to", (long)type);

    [Fact]
    public void Cast_between_float_int64_bool_and_narrow_types_matches_ort()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 3, 5);
        b.Output(b.Add("Cast", [x], To(DataType.Int64)), DataType.Int64);
        b.Output(b.Add("Cast", [x], To(DataType.Bool)), DataType.Bool);
        b.Output(b.Add("Cast", [b.Add("Cast", [x], To(DataType.Float16))], To(DataType.Float)));
        b.Output(b.Add("Cast", [b.Add("Cast", [x], To(DataType.Int64))], To(DataType.Float)));
        b.Output(b.Add("Cast", [x], To(DataType.Int32)), DataType.Int32);
        var i = b.Input("i", DataType.Int64, 4);
        b.Output(b.Add("Cast", [i], To(DataType.Float)));
        b.Output(b.Add("Cast", [b.Add("Cast", [i], To(DataType.UInt8))], To(DataType.Int64)), DataType.Int64);
        b.Output(b.Add("Cast", [b.Add("Cast", [i], To(DataType.Bool))], To(DataType.Float)));
        b.Output(b.Add("CastLike", [x, i]), DataType.Int64);
        var values = GradientCheck.RandomData(15, 1, 300f);
        values[0] = 0f;
        values[1] = -2.5f;
        EngineVsOrt.AssertSame(b.ToModel(), new Dictionary<string, Array>
        {
            ["x"] = values,
            ["i"] = new long[] { -3, 0, 300, 70000 },
        });
    }

    [Fact]
    public void Float_cast_passes_the_gradient_through()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3);
        b.Output(b.Add("Mul", [b.Add("Cast", [b.Add("Cast", [x], To(DataType.Double))], To(DataType.Float)), x]));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(6, 2) });
    }

    [Fact]
    public void Shape_sources_run_when_they_are_graph_outputs()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4);
        b.Output(b.Add("Shape", [x]), DataType.Int64);
        b.Output(b.Add("Shape", [x], NodeAttribute.Of("start", 1L), NodeAttribute.Of("end", -1L)), DataType.Int64);
        b.Output(b.Add("Size", [x]), DataType.Int64);
        b.Output(b.Add("ConstantOfShape", [b.Vector("shape", 2, 3)], NodeAttribute.Of("value", Tensor.FromFloats("v", [1], [2.5f]))));
        b.Output(b.Add("ConstantOfShape", [b.Vector("shape2", 4)], NodeAttribute.Of("value", Tensor.FromInt64s("w", [1], [7]))), DataType.Int64);
        var scalar = (string name, long value) => b.Initializer(Tensor.FromInt64s(name, [], [value]));
        b.Output(b.Add("Range", [scalar("s", 10), scalar("l", -2), scalar("d", -3)]), DataType.Int64);
        var real = (string name, float value) => b.Initializer(Tensor.FromFloats(name, [], [value]));
        b.Output(b.Add("Range", [real("fs", 0.5f), real("fl", 3f), real("fd", 0.75f)]));
        EngineVsOrt.AssertSame(b.ToModel(15));
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, 0, -1)]
    [InlineData(0, 1, 0)]
    [InlineData(1, 1, -2)]
    public void CumSum_matches_ort_and_its_gradient(long exclusive, long reverse, long axis)
    {
        var b = new GraphBuilder();
        b.Output(b.Add("CumSum", [b.Input("x", 2, 3, 4), b.Initializer(Tensor.FromInt64s("axis", [], [axis]))],
            NodeAttribute.Of("exclusive", exclusive), NodeAttribute.Of("reverse", reverse)));
        var model = b.ToModel(14);
        EngineVsOrt.AssertSame(model);
        GradientCheck.Verify(model, new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 3) });
    }

    [Fact]
    public void CumSum_of_int64_matches_ort()
    {
        var b = new GraphBuilder();
        b.Output(b.Add("CumSum", [b.Input("x", DataType.Int64, 5), b.Initializer(Tensor.FromInt64s("axis", [], [0]))]), DataType.Int64);
        EngineVsOrt.AssertSame(b.ToModel(14), new Dictionary<string, Array> { ["x"] = new long[] { 1, 0, 1, 1, -4 } });
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    [InlineData(0, -1)]
    [InlineData(0, 1)]
    public void Trilu_matches_ort_and_its_gradient(long upper, long k)
    {
        var b = new GraphBuilder();
        b.Output(b.Add("Trilu", [b.Input("x", 2, 4, 5), b.Initializer(Tensor.FromInt64s("k", [], [k]))], NodeAttribute.Of("upper", upper)));
        var model = b.ToModel(14);
        EngineVsOrt.AssertSame(model);
        GradientCheck.Verify(model, new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(40, 4) }, samplesPerTensor: 40);
    }

    [Theory]
    [InlineData("bij,bjk->bik", new[] { 2, 3, 4 }, new[] { 2, 4, 5 })]
    [InlineData("ij,jk", new[] { 3, 4 }, new[] { 4, 2 })]
    [InlineData("bhqd,bhkd->bhqk", new[] { 2, 3, 4, 5 }, new[] { 2, 3, 6, 5 })]
    [InlineData("i,j->ij", new[] { 3 }, new[] { 4 })]
    [InlineData("ij,j->i", new[] { 3, 4 }, new[] { 4 })]
    [InlineData("...ij,...jk->...ik", new[] { 2, 2, 3, 4 }, new[] { 2, 2, 4, 3 })]
    [InlineData("ijk,jl->li", new[] { 2, 3, 4 }, new[] { 3, 5 })]
    [InlineData("abc,cd->dba", new[] { 2, 3, 4 }, new[] { 4, 5 })]
    public void Two_operand_einsum_matches_ort(string equation, int[] left, int[] right)
    {
        EngineVsOrt.AssertSame(Einsum(equation, left, right));
    }

    [Theory]
    [InlineData("ij->ji", new[] { 3, 4 })]
    [InlineData("ijk->ki", new[] { 2, 3, 4 })]
    [InlineData("ij->", new[] { 3, 4 })]
    [InlineData("...i->...", new[] { 2, 3, 4 })]
    public void One_operand_einsum_matches_ort(string equation, int[] shape)
    {
        EngineVsOrt.AssertSame(Einsum(equation, shape));
    }

    [Theory]
    [InlineData("ii->i", "diagonals are not supported", new[] { 3, 3 })]
    [InlineData("bn,anm,bm->ba", "one or two operands", new[] { 2, 3 }, new[] { 4, 3, 5 }, new[] { 2, 5 })]
    public void Unsupported_einsum_forms_fail_clearly(string equation, string reason, params int[][] shapes)
    {
        var model = Einsum(equation, shapes);
        var error = Assert.Throws<ShearsException>(() => EngineVsOrt.RunEngine(model, EngineVsOrt.CompleteInputs(model, null, 1)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static Model Einsum(string equation, params int[][] shapes)
    {
        var b = new GraphBuilder();
        var inputs = shapes.Select((s, i) => b.Input($"x{i}", [.. s.Select(d => (long)d)])).ToArray();
        b.Output(b.Add("Einsum", inputs, NodeAttribute.Of("equation", equation)));
        return b.ToModel(13);
    }
}
