namespace Shears.IR.Inference.Rules;

/// <summary>Shapes (and contents) of operators that produce shapes or constants: Shape, Size, Constant, ConstantOfShape, Range, random and eye generators, OneHot.</summary>
internal static class SourceRules
{
    public static void Register(RuleTable table)
    {
        table.Add(ShapeOf, "Shape");
        table.Add(Size, "Size");
        table.Add(Constant, "Constant");
        table.Add(ConstantOfShape, "ConstantOfShape");
        table.Add(Range, "Range");
        table.Add(Random, "RandomNormal", "RandomUniform");
        table.Add(RandomLike, "RandomNormalLike", "RandomUniformLike", "EyeLike");
        table.Add(OneHot, "OneHot");
    }

    private static void ShapeOf(InferenceContext c)
    {
        var input = c.Shape(0);
        var rank = input.Rank;
        // Opset 15 added start/end to take part of the shape.
        var start = c.Int("start", 0);
        var end = c.Int("end", rank);
        start = Math.Clamp(start < 0 ? start + rank : start, 0, rank);
        end = Math.Clamp(end < 0 ? end + rank : end, 0, rank);
        var part = input.Skip((int)start).Take((int)Math.Max(0, end - start)).ToList();
        if (part.All(d => d.IsKnown))
        {
            c.SetConstant(0, ConstantValue.Vector([.. part.Select(d => d.Value!.Value)]));
            return;
        }
        c.SetSymbolic(0, SymbolicVector.OfDims(part));
    }

    private static void Size(InferenceContext c)
    {
        if (c.Shape(0).ElementCount is { } count)
        {
            c.SetConstant(0, ConstantValue.OfIntegers(DataType.Int64, [], [count]));
            return;
        }
        c.SetOutput(0, DataType.Int64, Shape.Scalar);
    }

    private static void Constant(InferenceContext c)
    {
        var attribute = c.Node.Attributes.FirstOrDefault()
            ?? throw c.Invalid("has no value attribute");
        ConstantValue? value = attribute.Name switch
        {
            "value" when attribute.Tensor is { } t => ConstantValue.CanHold(t.ElementType) ? ConstantValue.FromTensor(t) : null,
            "value_float" => ConstantValue.OfReals(DataType.Float, [], [attribute.Float]),
            "value_floats" => ConstantValue.OfReals(DataType.Float, [attribute.Floats.Length], [.. attribute.Floats.Select(f => (double)f)]),
            "value_int" => ConstantValue.OfIntegers(DataType.Int64, [], [attribute.Int]),
            "value_ints" => ConstantValue.OfIntegers(DataType.Int64, [attribute.Ints.Length], [.. attribute.Ints]),
            _ => null,
        };
        if (value is not null)
        {
            c.SetConstant(0, value);
            return;
        }
        switch (attribute.Name)
        {
            case "value" when attribute.Tensor is { } tensor:
                c.SetOutput(0, tensor.ElementType, tensor.Shape);
                break;
            case "value_string":
                c.SetOutput(0, DataType.String, Shape.Scalar);
                break;
            case "value_strings":
                c.SetOutput(0, DataType.String, Shape.Of(attribute.StringList.Length));
                break;
            default:
                // sparse_value and others: the type is not modelled; leave it to the annotations.
                throw new UnknownShapeSignal();
        }
    }

    private static void ConstantOfShape(InferenceContext c)
    {
        var fill = c.Node.GetTensor("value");
        var type = fill?.ElementType ?? DataType.Float;
        if (c.Constant(0) is not { } shapeValue)
        {
            if (c.Symbolic(0) is { IsScalar: false } elements)
            {
                c.SetOutput(0, type, elements.ToShape());
                return;
            }
            if (c.InputShape(0) is { Rank: 1 } s && s[0].Value is { } rank)
            {
                c.SetOutput(0, type, new Shape(Enumerable.Repeat(Dim.Unknown, (int)rank)));
                return;
            }
            throw new UnknownShapeSignal();
        }
        var dims = shapeValue.ToIntegers();
        if (dims.Any(d => d < 0))
        {
            throw c.Invalid($"shape [{string.Join(",", dims)}] has a negative size");
        }
        var count = ConstantMath.Product(dims);
        if (count <= (1 << 16) && (fill is null || ConstantValue.CanHold(type)))
        {
            var element = fill is null ? 0.0 : ConstantValue.FromTensor(fill).Real(0);
            c.SetConstant(0, ConstantValue.IsRealType(type)
                ? ConstantValue.OfReals(type, dims, [.. Enumerable.Repeat(element, (int)count)])
                : ConstantValue.OfIntegers(type, dims, [.. Enumerable.Repeat((long)element, (int)count)]));
            return;
        }
        c.SetOutput(0, type, Shape.Of(dims));
    }

    private static void Range(InferenceContext c)
    {
        var type = c.InputType(0);
        if (c.Constant(0) is { } start && c.Constant(1) is { } limit && c.Constant(2) is { } delta)
        {
            var s = start.Real(0);
            var d = delta.Real(0);
            if (d == 0)
            {
                throw c.Invalid("delta is 0");
            }
            var n = (long)Math.Max(Math.Ceiling((limit.Real(0) - s) / d), 0);
            if (n <= (1 << 20))
            {
                c.SetConstant(0, ConstantValue.IsRealType(type)
                    ? ConstantValue.OfReals(type, [n], [.. Enumerable.Range(0, (int)n).Select(i => s + (i * d))])
                    : ConstantValue.OfIntegers(type, [n], [.. Enumerable.Range(0, (int)n).Select(i => start.Integer(0) + (i * delta.Integer(0)))]));
                return;
            }
            c.SetOutput(0, type, Shape.Of(n));
            return;
        }
        c.SetOutput(0, type, new Shape([Dim.Unknown]));
    }

    private static void Random(InferenceContext c)
    {
        var shape = c.Ints("shape") ?? throw c.Invalid("attribute 'shape' is required");
        c.SetOutput(0, (DataType)c.Int("dtype", (long)DataType.Float), Shape.Of(shape));
    }

    private static void RandomLike(InferenceContext c) =>
        c.SetOutput(0, c.Node.FindAttribute("dtype") is { } a ? (DataType)a.Int : c.InputType(0), c.InputShape(0));

    private static void OneHot(InferenceContext c)
    {
        var indices = c.Shape(0);
        var depth = c.RequireConstant(1).Integer(0);
        var rank = indices.Rank + 1;
        var axis = c.Axis(c.Int("axis", -1), rank);
        var dims = indices.ToList();
        dims.Insert(axis, depth);
        c.SetOutput(0, c.InputType(2), new Shape(dims));
    }
}
