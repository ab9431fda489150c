namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of reductions (axes as attribute or, from opset 13/18, as input) and ArgMax/ArgMin; folding of constant reductions.</summary>
internal static class ReductionRules
{
    public static void Register(RuleTable table)
    {
        // ReduceSum took its axes as an input from opset 13; the other reductions from opset 18.
        table.Add(Reduce(13, (a, b) => a + b, 0), "ReduceSum");
        table.Add(Reduce(18, (a, b) => a * b, 1), "ReduceProd");
        table.Add(Reduce(18, Math.Max, double.NegativeInfinity), "ReduceMax");
        table.Add(Reduce(18, Math.Min, double.PositiveInfinity), "ReduceMin");
        table.Add(Reduce(18, null, 0), "ReduceMean", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");
        table.Add(ArgReduce, "ArgMax", "ArgMin");
    }

    private static Action<InferenceContext> Reduce(long axesInputSince, Func<double, double, double>? fold, double identity) => c =>
    {
        var input = c.Shape(0);
        var axes = ReshapeRules.AxesOf(c, 1, axesInputSince);
        var keep = c.Int("keepdims", 1) != 0;
        HashSet<int> reduced;
        if (axes is null || axes.Length == 0)
        {
            if (c.Int("noop_with_empty_axes", 0) != 0)
            {
                c.PassThrough();
                return;
            }
            reduced = [.. Enumerable.Range(0, input.Rank)];
        }
        else
        {
            reduced = [.. axes.Select(a => c.Axis(a, input.Rank))];
        }
        var dims = new List<Dim>();
        for (var i = 0; i < input.Rank; i++)
        {
            if (!reduced.Contains(i))
            {
                dims.Add(input[i]);
            }
            else if (keep)
            {
                dims.Add(1);
            }
        }
        var output = new Shape(dims);
        if (fold is not null && c.Constant(0) is { } value)
        {
            c.SetConstant(0, FoldReduction(value, reduced, output.ToArray(), fold, identity));
            return;
        }
        c.SetOutput(0, c.InputType(0), output);
    };

    private static ConstantValue FoldReduction(ConstantValue value, HashSet<int> reduced, long[] outputDims, Func<double, double, double> fold, double identity)
    {
        // Map each input position to its output position by zeroing the reduced axes.
        var keptStrides = new long[value.Dims.Length];
        long stride = 1;
        for (var i = value.Dims.Length - 1; i >= 0; i--)
        {
            keptStrides[i] = reduced.Contains(i) ? 0 : stride;
            stride *= reduced.Contains(i) ? 1 : value.Dims[i];
        }
        var results = Enumerable.Repeat(identity, (int)ConstantMath.Product(outputDims)).ToArray();
        var index = 0;
        foreach (var position in ConstantMath.Positions(value.Dims))
        {
            long target = 0;
            for (var a = 0; a < position.Length; a++)
            {
                target += position[a] * keptStrides[a];
            }
            results[target] = fold(results[target], value.Real(index++));
        }
        return value.IsReal
            ? ConstantValue.OfReals(value.Type, outputDims, results)
            : ConstantValue.OfIntegers(value.Type, outputDims, [.. results.Select(r => (long)r)]);
    }

    private static void ArgReduce(InferenceContext c)
    {
        var input = c.Shape(0);
        var axis = c.Axis(c.Int("axis", 0), input.Rank);
        var output = c.Int("keepdims", 1) != 0
            ? input.With(axis, 1)
            : new Shape(input.Where((_, i) => i != axis));
        c.SetOutput(0, DataType.Int64, output);
    }
}
