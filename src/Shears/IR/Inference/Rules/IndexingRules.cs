namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of Gather, GatherElements, GatherND, Slice, Pad, scatters, TopK and NonZero, with folding of Gather and Slice.</summary>
internal static class IndexingRules
{
    public static void Register(RuleTable table)
    {
        table.Add(Gather, "Gather");
        table.Add(c => c.SetOutput(0, c.InputType(0), c.Shape(1)), "GatherElements");
        table.Add(GatherND, "GatherND");
        table.Add(Slice, "Slice");
        table.Add(Pad, "Pad");
        table.Add(c => c.PassThrough(), "ScatterND", "ScatterElements", "Scatter");
        table.Add(TopK, "TopK");
        table.Add(NonZero, "NonZero");
    }

    private static void Gather(InferenceContext c)
    {
        var data = c.Shape(0);
        var indices = c.Shape(1);
        var axis = c.Axis(c.Int("axis", 0), data.Rank);
        var output = new Shape([.. data.Take(axis), .. indices, .. data.Skip(axis + 1)]);
        if (c.Constant(0) is { } values && c.Constant(1) is { } index && output.IsConcrete)
        {
            var outer = ConstantMath.Product(values.Dims.Take(axis));
            var inner = ConstantMath.Product(values.Dims.Skip(axis + 1));
            var size = values.Dims[axis];
            var picked = new List<long>();
            for (long o = 0; o < outer; o++)
            {
                foreach (var raw in index.ToIntegers())
                {
                    var k = raw < 0 ? raw + size : raw;
                    if (k < 0 || k >= size)
                    {
                        throw c.Invalid($"index {raw} is out of range for axis {axis} of size {size}");
                    }
                    for (long i = 0; i < inner; i++)
                    {
                        picked.Add((((o * size) + k) * inner) + i);
                    }
                }
            }
            c.SetConstant(0, values.Select(output.ToArray(), picked));
            return;
        }
        if (data.Rank == 1 && c.Symbolic(0) is { } elements && c.Constant(1) is { Dims.Length: <= 1 } at
            && elements.Gather(at.ToIntegers(), at.Dims.Length == 0) is { } gathered)
        {
            c.SetSymbolic(0, gathered);
            return;
        }
        c.SetOutput(0, c.InputType(0), output);
    }

    private static void GatherND(InferenceContext c)
    {
        var data = c.Shape(0);
        var indices = c.Shape(1);
        var batch = (int)c.Int("batch_dims", 0);
        if (indices[^1].Value is not { } k)
        {
            throw new UnknownShapeSignal();
        }
        c.SetOutput(0, c.InputType(0), new Shape([.. indices.Take(indices.Rank - 1), .. data.Skip(batch + (int)k)]));
    }

    private static void Slice(InferenceContext c)
    {
        var input = c.Shape(0);
        long[] starts, ends;
        long[]? axes, steps = null;
        if (c.Opset < 10)
        {
            starts = c.Ints("starts") ?? throw c.Invalid("attribute 'starts' is required");
            ends = c.Ints("ends") ?? throw c.Invalid("attribute 'ends' is required");
            axes = c.Ints("axes");
        }
        else
        {
            starts = c.RequireConstant(1).ToIntegers();
            ends = c.RequireConstant(2).ToIntegers();
            axes = c.HasInput(3) ? c.RequireConstant(3).ToIntegers() : null;
            steps = c.HasInput(4) ? c.RequireConstant(4).ToIntegers() : null;
        }
        axes ??= [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
        steps ??= [.. Enumerable.Repeat(1L, starts.Length)];
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
        {
            throw c.Invalid("starts, ends, axes and steps differ in length");
        }
        var dims = input.ToList();
        var ranges = new (long Start, long Step, long Count)[input.Rank];
        for (var i = 0; i < input.Rank; i++)
        {
            ranges[i] = (0, 1, input[i].Value ?? -1);
        }
        for (var i = 0; i < starts.Length; i++)
        {
            var axis = c.Axis(axes[i], input.Rank);
            if (steps[i] == 0)
            {
                throw c.Invalid("a step of 0 is not allowed");
            }
            if (input[axis].Value is not { } size)
            {
                dims[axis] = Dim.Unknown;
                continue;
            }
            var (start, count) = Range(starts[i], ends[i], steps[i], size);
            dims[axis] = count;
            ranges[axis] = (start, steps[i], count);
        }
        var output = new Shape(dims);
        if (c.Constant(0) is { } value && output.IsConcrete)
        {
            var strides = ConstantMath.Strides(value.Dims);
            var indices = new List<long>();
            foreach (var position in ConstantMath.Positions(output.ToArray()))
            {
                long flat = 0;
                for (var a = 0; a < position.Length; a++)
                {
                    flat += (ranges[a].Start + (position[a] * ranges[a].Step)) * strides[a];
                }
                indices.Add(flat);
            }
            c.SetConstant(0, value.Select(output.ToArray(), indices));
            return;
        }
        if (input.Rank == 1 && output[0].Value is { } length && c.Symbolic(0) is { } elements)
        {
            var (start, step, _) = ranges[0];
            c.SetSymbolic(0, new SymbolicVector(elements.Type, false, [.. Enumerable.Range(0, (int)length).Select(i => elements.Elements[start + (i * step)])]));
            return;
        }
        c.SetOutput(0, c.InputType(0), output);
    }

    /// <summary>First index and element count of a slice, clamped as ONNX specifies.</summary>
    internal static (long Start, long Count) Range(long start, long end, long step, long size)
    {
        if (start < 0)
        {
            start += size;
        }
        if (end < 0)
        {
            end += size;
        }
        if (step > 0)
        {
            start = Math.Clamp(start, 0, size);
            end = Math.Clamp(end, 0, size);
            return (start, Math.Max(0, SlidingWindow.CeilDiv(end - start, step)));
        }
        start = Math.Clamp(start, 0, size - 1);
        end = Math.Clamp(end, -1, size - 1);
        return (start, Math.Max(0, SlidingWindow.CeilDiv(start - end, -step)));
    }

    private static void Pad(InferenceContext c)
    {
        var input = c.Shape(0);
        long[] pads;
        long[]? axes = null;
        if (c.Opset < 11)
        {
            pads = c.Ints(c.Opset < 2 ? "paddings" : "pads") ?? throw c.Invalid("attribute 'pads' is required");
        }
        else
        {
            pads = c.RequireConstant(1).ToIntegers();
            axes = c.HasInput(3) ? c.RequireConstant(3).ToIntegers() : null;
        }
        var axisList = axes?.Select(a => c.Axis(a, input.Rank)).ToArray() ?? [.. Enumerable.Range(0, input.Rank)];
        if (pads.Length != 2 * axisList.Length)
        {
            throw c.Invalid($"{pads.Length} pads for {axisList.Length} axes");
        }
        var dims = input.ToList();
        for (var i = 0; i < axisList.Length; i++)
        {
            var a = axisList[i];
            dims[a] = input[a].Value is { } v ? Dim.Of(v + pads[i] + pads[i + axisList.Length]) : Dim.Unknown;
        }
        c.SetOutput(0, c.InputType(0), new Shape(dims));
    }

    private static void TopK(InferenceContext c)
    {
        var input = c.Shape(0);
        var axis = c.Axis(c.Int("axis", -1), input.Rank);
        var k = c.Opset < 10 ? c.Int("k", 0) : c.RequireConstant(1).Integer(0);
        var output = input.With(axis, k);
        c.SetOutput(0, c.InputType(0), output);
        c.SetOutput(1, DataType.Int64, output);
    }

    private static void NonZero(InferenceContext c)
    {
        var input = c.Shape(0);
        if (c.Constant(0) is { } value)
        {
            var hits = new List<long[]>();
            var index = 0;
            foreach (var position in ConstantMath.Positions(value.Dims))
            {
                if (value.Real(index++) != 0)
                {
                    hits.Add((long[])position.Clone());
                }
            }
            var flat = new long[value.Dims.Length * hits.Count];
            for (var a = 0; a < value.Dims.Length; a++)
            {
                for (var h = 0; h < hits.Count; h++)
                {
                    flat[(a * hits.Count) + h] = hits[h][a];
                }
            }
            c.SetConstant(0, ConstantValue.OfIntegers(DataType.Int64, [value.Dims.Length, hits.Count], flat));
            return;
        }
        c.SetOutput(0, DataType.Int64, new Shape([input.Rank, Dim.Unknown]));
    }
}
