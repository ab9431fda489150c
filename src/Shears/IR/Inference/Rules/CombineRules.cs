namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of Concat and Split, with folding of concatenated shape vectors.</summary>
internal static class CombineRules
{
    public static void Register(RuleTable table)
    {
        table.Add(Concat, "Concat");
        table.Add(Split, "Split");
    }

    private static void Concat(InferenceContext c)
    {
        var shapes = Enumerable.Range(0, c.InputCount).Where(c.HasInput).Select(c.Shape).ToList();
        if (shapes.Count == 0)
        {
            throw c.Invalid("needs at least one input");
        }
        var rank = shapes[0].Rank;
        if (shapes.Any(s => s.Rank != rank))
        {
            throw c.Invalid($"inputs have different ranks: {string.Join(", ", shapes)}");
        }
        var axis = c.Axis(c.FindAxisAttribute(), rank);
        var dims = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            if (i == axis)
            {
                long total = 0;
                var known = true;
                foreach (var s in shapes)
                {
                    if (s[i].Value is { } v)
                    {
                        total += v;
                    }
                    else
                    {
                        known = false;
                    }
                }
                dims[i] = known ? Dim.Of(total) : Dim.Unknown;
                continue;
            }
            dims[i] = shapes.Select(s => s[i]).FirstOrDefault(d => d.IsKnown, shapes[0][i]);
            foreach (var s in shapes)
            {
                if (s[i].Value is { } v && dims[i].Value is { } w && v != w)
                {
                    throw c.Invalid($"inputs differ on axis {i} outside the concat axis: {string.Join(", ", shapes)}");
                }
            }
        }
        var output = new Shape(dims);
        var constants = Enumerable.Range(0, c.InputCount).Where(c.HasInput).Select(c.Constant).ToList();
        if (constants.All(k => k is not null) && output.IsConcrete)
        {
            c.SetConstant(0, ConcatConstants(constants!, axis, output.ToArray()));
            return;
        }
        var parts = Enumerable.Range(0, c.InputCount).Where(c.HasInput).Select(c.Symbolic).ToList();
        if (rank == 1 && parts.All(p => p is not null))
        {
            c.SetSymbolic(0, SymbolicVector.Concat(parts!));
            return;
        }
        c.SetOutput(0, c.InputType(0), output);
    }

    private static long FindAxisAttribute(this InferenceContext c) =>
        c.Node.FindAttribute("axis") is { Kind: AttributeKind.Int } a ? a.Int
        : throw c.Invalid("attribute 'axis' is required");

    private static ConstantValue ConcatConstants(List<ConstantValue> parts, int axis, long[] dims)
    {
        var outer = ConstantMath.Product(dims.Take(axis));
        var inner = ConstantMath.Product(dims.Skip(axis + 1));
        var type = parts[0].Type;
        if (parts.Any(p => p.IsReal))
        {
            var reals = new List<double>();
            for (long o = 0; o < outer; o++)
            {
                foreach (var p in parts)
                {
                    var block = p.Dims[axis] * inner;
                    var values = p.ToReals();
                    reals.AddRange(values.AsSpan((int)(o * block), (int)block).ToArray());
                }
            }
            return ConstantValue.OfReals(type, dims, [.. reals]);
        }
        var integers = new List<long>();
        for (long o = 0; o < outer; o++)
        {
            foreach (var p in parts)
            {
                var block = p.Dims[axis] * inner;
                integers.AddRange(p.Integers!.AsSpan((int)(o * block), (int)block).ToArray());
            }
        }
        return ConstantValue.OfIntegers(type, dims, [.. integers]);
    }

    private static void Split(InferenceContext c)
    {
        var input = c.Shape(0);
        var axis = c.Axis(c.Int("axis", 0), input.Rank);
        var outputs = c.OutputCount;
        long[]? sizes = c.Opset < 13 ? c.Ints("split") : c.HasInput(1) ? c.RequireConstant(1).ToIntegers() : null;
        if (sizes is null)
        {
            if (input[axis].Value is not { } total)
            {
                for (var i = 0; i < outputs; i++)
                {
                    c.SetOutput(i, c.InputType(0), input.With(axis, Dim.Unknown));
                }
                return;
            }
            var parts = c.Int("num_outputs", outputs);
            var chunk = SlidingWindow.CeilDiv(total, parts);
            if (c.Opset < 18 && total % parts != 0)
            {
                throw c.Invalid($"axis {axis} of size {total} does not split evenly into {parts}");
            }
            sizes = [.. Enumerable.Range(0, (int)parts).Select(i => Math.Max(0, Math.Min(chunk, total - (i * chunk))))];
        }
        if (sizes.Length != outputs)
        {
            throw c.Invalid($"{sizes.Length} split sizes for {outputs} outputs");
        }
        if (input[axis].Value is { } size && sizes.Sum() != size)
        {
            throw c.Invalid($"split sizes [{string.Join(",", sizes)}] do not add up to {size} on axis {axis}");
        }
        for (var i = 0; i < outputs; i++)
        {
            c.SetOutput(i, c.InputType(0), input.With(axis, sizes[i]));
        }
    }
}
