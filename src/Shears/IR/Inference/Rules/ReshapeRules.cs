namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of operators that view or rearrange elements: Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Expand, Tile, DepthToSpace, SpaceToDepth.</summary>
internal static class ReshapeRules
{
    public static void Register(RuleTable table)
    {
        table.Add(Reshape, "Reshape");
        table.Add(Flatten, "Flatten");
        table.Add(Transpose, "Transpose");
        table.Add(Squeeze, "Squeeze");
        table.Add(Unsqueeze, "Unsqueeze");
        table.Add(Expand, "Expand");
        table.Add(Tile, "Tile");
        table.Add(DepthToSpace, "DepthToSpace");
        table.Add(SpaceToDepth, "SpaceToDepth");
    }

    private static void Reshape(InferenceContext c)
    {
        var input = c.Shape(0);
        ShapeElement[] target;
        if (c.Opset < 5)
        {
            target = [.. (c.Ints("shape") ?? throw c.Invalid("attribute 'shape' is required")).Select(ShapeElement.Known)];
        }
        else if (c.Constant(1) is { } shapeValue)
        {
            target = [.. shapeValue.ToIntegers().Select(ShapeElement.Known)];
        }
        else if (c.Symbolic(1) is { IsScalar: false } elements)
        {
            // Computed at run time, partly known: symbolic entries give symbolic sizes.
            target = elements.Elements;
        }
        else
        {
            // The target is computed at run time; its length still gives the rank.
            if (c.InputShape(1) is { Rank: 1 } s && s[0].Value is { } rank)
            {
                c.SetOutput(0, c.InputType(0), new Shape(Enumerable.Repeat(Dim.Unknown, (int)rank)));
                return;
            }
            throw new UnknownShapeSignal();
        }
        var allowZero = c.Int("allowzero", 0) != 0;
        var output = ResolveTarget(c, input, target, allowZero);
        SetView(c, output);
    }

    private static Shape ResolveTarget(InferenceContext c, Shape input, ShapeElement[] target, bool allowZero)
    {
        var dims = new Dim[target.Length];
        var inferred = -1;
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i].Value is not { } size)
            {
                dims[i] = target[i].ToDim();
            }
            else if (size == -1)
            {
                if (inferred >= 0)
                {
                    throw c.Invalid($"target shape [{string.Join(",", target)}] has more than one -1");
                }
                inferred = i;
            }
            else if (size == 0 && !allowZero)
            {
                if (i >= input.Rank)
                {
                    throw c.Invalid($"target shape [{string.Join(",", target)}] copies axis {i} which the input {input} lacks");
                }
                dims[i] = input[i];
            }
            else if (size < 0)
            {
                throw c.Invalid($"target shape [{string.Join(",", target)}] has invalid size {size}");
            }
            else
            {
                dims[i] = size;
            }
        }
        if (inferred < 0)
        {
            CheckCount(c, input, dims);
            return new Shape(dims);
        }
        dims[inferred] = Quotient(input, dims.Where((_, i) => i != inferred).ToList());
        if (dims[inferred].Value is { } v && input.ElementCount is { } total && v * ConstantMath.Product(dims.Where((_, i) => i != inferred).Select(d => d.Value ?? 1)) != total)
        {
            throw c.Invalid($"cannot reshape {input} to [{string.Join(",", target)}]");
        }
        return new Shape(dims);
    }

    private static void CheckCount(InferenceContext c, Shape input, Dim[] dims)
    {
        var output = new Shape(dims);
        if (input.ElementCount is { } a && output.ElementCount is { } b && a != b)
        {
            throw c.Invalid($"cannot reshape {input} ({a} elements) to {output} ({b} elements)");
        }
    }

    /// <summary>
    /// The size of the one inferred axis: the input's element count over the other axes'. Symbolic
    /// dimensions cancel when the same symbols appear on both sides.
    /// </summary>
    private static Dim Quotient(IReadOnlyList<Dim> numerator, IReadOnlyList<Dim> denominator)
    {
        var symbols = new List<string>();
        long known = 1;
        foreach (var d in numerator)
        {
            if (d.Value is { } v)
            {
                known *= v;
            }
            else if (d.Symbol is { } s)
            {
                symbols.Add(s);
            }
            else
            {
                return Dim.Unknown;
            }
        }
        long divisor = 1;
        foreach (var d in denominator)
        {
            if (d.Value is { } v)
            {
                divisor *= v;
            }
            else if (d.Symbol is { } s && symbols.Remove(s))
            {
                continue;
            }
            else
            {
                return Dim.Unknown;
            }
        }
        if (divisor == 0 || known % divisor != 0)
        {
            return Dim.Unknown;
        }
        return symbols.Count switch
        {
            0 => Dim.Of(known / divisor),
            1 when known == divisor => Dim.Named(symbols[0]),
            _ => Dim.Unknown,
        };
    }

    private static Dim ProductOf(IEnumerable<Dim> dims) => Quotient([.. dims], []);

    private static void Flatten(InferenceContext c)
    {
        var input = c.Shape(0);
        var axis = c.Int("axis", 1);
        if (axis < 0)
        {
            axis += input.Rank;
        }
        if (axis < 0 || axis > input.Rank)
        {
            throw c.Invalid($"axis {c.Int("axis", 1)} is out of range for {input}");
        }
        var output = new Shape([ProductOf(input.Take((int)axis)), ProductOf(input.Skip((int)axis))]);
        SetView(c, output);
    }

    private static void Transpose(InferenceContext c)
    {
        var input = c.Shape(0);
        var perm = c.Ints("perm") ?? [.. Enumerable.Range(0, input.Rank).Reverse().Select(i => (long)i)];
        if (perm.Length != input.Rank || perm.Order().Select((p, i) => p == i).Any(ok => !ok))
        {
            throw c.Invalid($"perm [{string.Join(",", perm)}] is not a permutation of {input.Rank} axes");
        }
        var output = new Shape(perm.Select(p => input[(int)p]));
        if (c.Constant(0) is { } value)
        {
            var dims = output.ToArray();
            var strides = ConstantMath.Strides(value.Dims);
            var indices = new List<long>();
            foreach (var position in ConstantMath.Positions(dims))
            {
                long flat = 0;
                for (var i = 0; i < perm.Length; i++)
                {
                    flat += position[i] * strides[perm[i]];
                }
                indices.Add(flat);
            }
            c.SetConstant(0, value.Select(dims, indices));
            return;
        }
        c.SetOutput(0, c.InputType(0), output);
    }

    /// <summary>Axes from the attribute (older opsets) or the second input (opset 13 on); null when absent.</summary>
    internal static long[]? AxesOf(InferenceContext c, int inputIndex, long inputSinceOpset)
    {
        if (c.Opset < inputSinceOpset)
        {
            return c.Ints("axes");
        }
        if (!c.HasInput(inputIndex))
        {
            return null;
        }
        return c.RequireConstant(inputIndex).ToIntegers();
    }

    private static void Squeeze(InferenceContext c)
    {
        var input = c.Shape(0);
        var axes = AxesOf(c, 1, 13);
        List<Dim> dims;
        if (axes is null || axes.Length == 0)
        {
            if (!input.IsConcrete)
            {
                throw new UnknownShapeSignal();
            }
            dims = [.. input.Where(d => d.Value != 1)];
        }
        else
        {
            var drop = axes.Select(a => c.Axis(a, input.Rank)).ToHashSet();
            foreach (var a in drop)
            {
                if (input[a].Value is { } size && size != 1)
                {
                    throw c.Invalid($"cannot squeeze axis {a} of size {size} in {input}");
                }
            }
            dims = [.. input.Where((_, i) => !drop.Contains(i))];
        }
        var output = new Shape(dims);
        SetView(c, output);
    }

    private static void Unsqueeze(InferenceContext c)
    {
        var input = c.Shape(0);
        var axes = AxesOf(c, 1, 13) ?? throw c.Invalid("axes are required");
        var rank = input.Rank + axes.Length;
        var inserted = axes.Select(a => c.Axis(a, rank)).ToHashSet();
        if (inserted.Count != axes.Length)
        {
            throw c.Invalid($"axes [{string.Join(",", axes)}] repeat an axis");
        }
        var dims = new Dim[rank];
        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            dims[i] = inserted.Contains(i) ? Dim.Of(1) : input[next++];
        }
        var output = new Shape(dims);
        SetView(c, output);
    }

    private static void Expand(InferenceContext c)
    {
        var input = c.Shape(0);
        var target = c.Constant(1) is { } known ? Shape.Of(known.ToIntegers()) : (c.Symbolic(1) ?? throw new UnknownShapeSignal()).ToShape();
        var output = Broadcasting.Shapes([input, target])
            ?? throw c.Invalid($"input {input} does not broadcast to {target}");
        if (c.Constant(0) is { } value && output.IsConcrete)
        {
            var dims = output.ToArray();
            c.SetConstant(0, value.Select(dims, Broadcasting.SourceIndices(value.Dims, dims)));
            return;
        }
        c.SetOutput(0, c.InputType(0), output);
    }

    private static void Tile(InferenceContext c)
    {
        var input = c.Shape(0);
        var repeats = c.RequireConstant(1).ToIntegers();
        if (repeats.Length != input.Rank)
        {
            throw c.Invalid($"repeats [{string.Join(",", repeats)}] do not match rank {input.Rank}");
        }
        c.SetOutput(0, c.InputType(0), new Shape(input.Select((d, i) => d.Value is { } v ? Dim.Of(v * repeats[i]) : Dim.Unknown)));
    }

    private static void DepthToSpace(InferenceContext c)
    {
        var x = c.Shape(0);
        var b = c.Int("blocksize", 0);
        if (x.Rank != 4 || b <= 0)
        {
            throw c.Invalid($"needs a 4-D input and a positive blocksize, got {x} and {b}");
        }
        c.SetOutput(0, c.InputType(0), new Shape([x[0], Scale(x[1], 1, b * b), Scale(x[2], b, 1), Scale(x[3], b, 1)]));
    }

    private static void SpaceToDepth(InferenceContext c)
    {
        var x = c.Shape(0);
        var b = c.Int("blocksize", 0);
        if (x.Rank != 4 || b <= 0)
        {
            throw c.Invalid($"needs a 4-D input and a positive blocksize, got {x} and {b}");
        }
        c.SetOutput(0, c.InputType(0), new Shape([x[0], Scale(x[1], b * b, 1), Scale(x[2], 1, b), Scale(x[3], 1, b)]));
    }

    /// <summary>Records a same-elements view: folded when the input is constant, else just typed.</summary>
    private static void SetView(InferenceContext c, Shape output)
    {
        if (c.Constant(0) is { } value && output.IsConcrete)
        {
            c.SetConstant(0, value.WithDims(output.ToArray()));
            return;
        }
        if (output.Rank <= 1 && c.Symbolic(0) is { } elements && output.ElementCount == elements.Length
            && elements.WithRank(output.Rank) is { } view)
        {
            c.SetSymbolic(0, view);
            return;
        }
        c.SetOutput(0, c.InputType(0), output);
    }

    private static Dim Scale(Dim d, long multiply, long divide) => d.Value is { } v ? Dim.Of(v * multiply / divide) : Dim.Unknown;
}
