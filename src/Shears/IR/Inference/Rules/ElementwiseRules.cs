namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of elementwise operators, and folding of the ones that appear in shape arithmetic.</summary>
internal static class ElementwiseRules
{
    public static void Register(RuleTable table)
    {
        table.Add(SameShape,
            "LeakyRelu", "Elu", "Selu", "Celu", "ThresholdedRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh",
            "Gelu", "Erf", "Softplus", "Softsign", "Mish", "Exp", "Log", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan",
            "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Round", "Shrink", "BitwiseNot",
            "Softmax", "LogSoftmax", "Hardmax", "CumSum", "Trilu", "LpNormalization", "MeanVarianceNormalization", "LRN");
        table.Add(Foldable(Math.Abs, Math.Abs), "Abs");
        table.Add(Foldable(v => -v, v => -v), "Neg");
        table.Add(Foldable(Math.Floor, v => v), "Floor");
        table.Add(Foldable(Math.Ceiling, v => v), "Ceil");
        table.Add(Foldable(Math.Sqrt, null), "Sqrt");
        table.Add(Foldable(v => 1 / v, null), "Reciprocal");
        table.Add(Foldable(v => Math.Sign(v), v => Math.Sign(v)), "Sign");
        table.Add(Foldable(v => Math.Max(v, 0), v => Math.Max(v, 0)), "Relu");
        table.Add(Foldable(v => v == 0 ? 1 : 0, v => v == 0 ? 1 : 0), "Not");
        table.Add(Identity, "Identity");
        table.Add(Dropout, "Dropout");
        table.Add(Clip, "Clip");
        table.Add(Cast, "Cast");
        table.Add(CastLike, "CastLike");
        table.Add(c => Predicate(c), "IsNaN", "IsInf");
        table.Add(PRelu, "PRelu");
        table.Add(QuantizeLinear, "QuantizeLinear");
        table.Add(DequantizeLinear, "DequantizeLinear");

        table.Add(Arithmetic((a, b) => a + b, (a, b) => a + b, (a, b) => a + b), "Add");
        table.Add(Arithmetic((a, b) => a - b, (a, b) => a - b, (a, b) => a - b), "Sub");
        table.Add(Arithmetic((a, b) => a * b, (a, b) => a * b, (a, b) => a * b), "Mul");
        table.Add(Arithmetic((a, b) => a / b, (a, b) => b == 0 ? 0 : a / b, (a, b) => a / b), "Div");
        table.Add(Arithmetic(Math.Pow, (a, b) => (long)Math.Pow(a, b)), "Pow");
        table.Add(Mod, "Mod");
        table.Add(Variadic(Math.Max, Math.Max), "Max");
        table.Add(Variadic(Math.Min, Math.Min), "Min");
        table.Add(Variadic((a, b) => a + b, (a, b) => a + b), "Sum");
        table.Add(Mean, "Mean");
        table.Add(Comparison((a, b) => a == b, ShapeElement.Equal), "Equal");
        table.Add(Comparison((a, b) => a < b), "Less");
        table.Add(Comparison((a, b) => a > b), "Greater");
        table.Add(Comparison((a, b) => a <= b), "LessOrEqual");
        table.Add(Comparison((a, b) => a >= b), "GreaterOrEqual");
        table.Add(Logical((a, b) => a && b), "And");
        table.Add(Logical((a, b) => a || b), "Or");
        table.Add(Logical((a, b) => a ^ b), "Xor");
        table.Add(BroadcastSameType, "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor");
        table.Add(Where, "Where");
    }

    private static void SameShape(InferenceContext c) => c.PassThrough();

    private static void Identity(InferenceContext c)
    {
        if (c.Constant(0) is { } value)
        {
            c.SetConstant(0, value);
            return;
        }
        if (c.Symbolic(0) is { } elements)
        {
            c.SetSymbolic(0, elements);
            return;
        }
        c.PassThrough();
    }

    private static Action<InferenceContext> Foldable(Func<double, double> real, Func<long, long>? integer) => c =>
    {
        if (c.Constant(0) is { } x)
        {
            c.SetConstant(0, ConstantMath.Unary(x, x.Type, real, integer));
            return;
        }
        c.PassThrough();
    };

    private static void Dropout(InferenceContext c)
    {
        Identity(c);
        if (c.OutputCount > 1)
        {
            // The mask is bool from opset 12, the input's type before.
            c.SetOutput(1, c.Opset >= 12 ? DataType.Bool : c.InputType(0), c.InputShape(0));
        }
    }

    private static void Clip(InferenceContext c)
    {
        if (c.Constant(0) is { } x && c.Opset >= 11)
        {
            var min = c.Constant(1)?.Real(0) ?? double.NegativeInfinity;
            var max = c.Constant(2)?.Real(0) ?? double.PositiveInfinity;
            if ((!c.HasInput(1) || c.IsConstant(1)) && (!c.HasInput(2) || c.IsConstant(2)))
            {
                c.SetConstant(0, ConstantMath.Unary(x, x.Type, v => Math.Clamp(v, min, max), v => (long)Math.Clamp(v, min, max)));
                return;
            }
        }
        c.PassThrough();
    }

    private static void Cast(InferenceContext c)
    {
        var to = (DataType)c.Int("to", 0);
        if (to == DataType.Undefined)
        {
            throw c.Invalid("attribute 'to' is missing");
        }
        if (c.Constant(0) is { } x && ConstantValue.CanHold(to))
        {
            c.SetConstant(0, x.CastTo(to));
            return;
        }
        // Sizes survive integer casts (exporters cast int64 shapes to int64 and back).
        if (DataTypes.IsInteger(to) && c.Symbolic(0) is { } elements)
        {
            c.SetSymbolic(0, elements.WithType(to));
            return;
        }
        c.SetOutput(0, to, c.InputShape(0));
    }

    private static void CastLike(InferenceContext c)
    {
        var to = c.InputType(1);
        if (c.Constant(0) is { } x && ConstantValue.CanHold(to))
        {
            c.SetConstant(0, x.CastTo(to));
            return;
        }
        c.SetOutput(0, to, c.InputShape(0));
    }

    private static void Predicate(InferenceContext c) => c.SetOutput(0, DataType.Bool, c.InputShape(0));

    private static void PRelu(InferenceContext c)
    {
        var x = c.Shape(0);
        var slope = c.Shape(1);
        // The slope broadcasts to X only (unidirectionally).
        if (Broadcasting.Shapes([x, slope]) is not { } b || b.Rank != x.Rank)
        {
            throw c.Invalid($"slope shape {slope} does not broadcast to input shape {x}");
        }
        c.PassThrough();
    }

    private static void QuantizeLinear(InferenceContext c)
    {
        var type = c.HasInput(2) ? c.InputType(2) : DataType.UInt8;
        c.SetOutput(0, type == DataType.Undefined ? DataType.UInt8 : type, c.InputShape(0));
    }

    private static void DequantizeLinear(InferenceContext c)
    {
        var type = c.InputType(1);
        c.SetOutput(0, type == DataType.Undefined ? DataType.Float : type, c.InputShape(0));
    }

    private static Shape BroadcastInputs(InferenceContext c)
    {
        var shapes = new List<Shape>();
        for (var i = 0; i < c.InputCount; i++)
        {
            if (c.HasInput(i))
            {
                shapes.Add(c.Shape(i));
            }
        }
        if (shapes.Count == 0)
        {
            throw c.Invalid("needs at least one input");
        }
        return Broadcasting.Shapes(shapes)
            ?? throw c.Invalid($"input shapes {string.Join(", ", shapes)} do not broadcast");
    }

    private static DataType FirstKnownType(InferenceContext c)
    {
        for (var i = 0; i < c.InputCount; i++)
        {
            if (c.InputType(i) != DataType.Undefined)
            {
                return c.InputType(i);
            }
        }
        return DataType.Undefined;
    }

    private static void BroadcastSameType(InferenceContext c) => c.SetOutput(0, FirstKnownType(c), BroadcastInputs(c));

    private static Action<InferenceContext> Arithmetic(Func<double, double, double> real, Func<long, long, long> integer, Func<ShapeElement, ShapeElement, ShapeElement>? symbolic = null) => c =>
    {
        if (c.Constant(0) is { } a && c.Constant(1) is { } b)
        {
            c.SetConstant(0, ConstantMath.Binary(a, b, a.Type, real, integer));
            return;
        }
        if (symbolic is not null && TrySymbolic(c, c.InputType(0), symbolic))
        {
            return;
        }
        BroadcastSameType(c);
    };

    /// <summary>Shape arithmetic on partly known integer vectors, element by element.</summary>
    private static bool TrySymbolic(InferenceContext c, DataType outputType, Func<ShapeElement, ShapeElement, ShapeElement> op)
    {
        if (c.Symbolic(0) is not { } x || c.Symbolic(1) is not { } y || !DataTypes.IsInteger(x.Type)
            || SymbolicVector.Zip(x, y, outputType, op) is not { } result)
        {
            return false;
        }
        c.SetSymbolic(0, result);
        return true;
    }

    private static void Mod(InferenceContext c)
    {
        // fmod=0 takes the divisor's sign (Python style); fmod=1 the dividend's (C style).
        var fmod = c.Int("fmod", 0) != 0;
        Arithmetic(
            (a, b) => fmod ? a % b : a - (b * Math.Floor(a / b)),
            (a, b) => b == 0 ? 0 : fmod ? a % b : ((a % b) + b) % b)(c);
    }

    private static Action<InferenceContext> Variadic(Func<double, double, double> real, Func<long, long, long> integer) => c =>
    {
        var constants = Enumerable.Range(0, c.InputCount).Select(c.Constant).ToList();
        if (constants.Count > 0 && constants.All(k => k is not null))
        {
            var acc = constants[0]!;
            foreach (var next in constants.Skip(1))
            {
                acc = ConstantMath.Binary(acc, next!, acc.Type, real, integer);
            }
            c.SetConstant(0, acc);
            return;
        }
        BroadcastSameType(c);
    };

    private static void Mean(InferenceContext c) => BroadcastSameType(c);

    private static Action<InferenceContext> Comparison(Func<double, double, bool> compare, Func<ShapeElement, ShapeElement, ShapeElement>? symbolic = null) => c =>
    {
        if (c.Constant(0) is { } a && c.Constant(1) is { } b)
        {
            c.SetConstant(0, ConstantMath.Binary(a, b, DataType.Bool,
                (x, y) => compare(x, y) ? 1 : 0,
                (x, y) => compare(x, y) ? 1 : 0));
            return;
        }
        if (symbolic is not null && TrySymbolic(c, DataType.Bool, symbolic))
        {
            return;
        }
        c.SetOutput(0, DataType.Bool, BroadcastInputs(c));
    };

    private static Action<InferenceContext> Logical(Func<bool, bool, bool> op) => c =>
    {
        if (c.Constant(0) is { } a && c.Constant(1) is { } b)
        {
            c.SetConstant(0, ConstantMath.Binary(a, b, DataType.Bool,
                (x, y) => op(x != 0, y != 0) ? 1 : 0,
                (x, y) => op(x != 0, y != 0) ? 1 : 0));
            return;
        }
        c.SetOutput(0, DataType.Bool, BroadcastInputs(c));
    };

    private static void Where(InferenceContext c)
    {
        var type = c.InputType(1) != DataType.Undefined ? c.InputType(1) : c.InputType(2);
        if (c.Constant(0) is { } condition && c.Constant(1) is { } x && c.Constant(2) is { } y)
        {
            var dims = Broadcasting.Dims(Broadcasting.Dims(condition.Dims, x.Dims), y.Dims);
            var ic = Broadcasting.SourceIndices(condition.Dims, dims);
            var ix = Broadcasting.SourceIndices(x.Dims, dims);
            var iy = Broadcasting.SourceIndices(y.Dims, dims);
            if (x.IsReal)
            {
                var values = new double[ic.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = condition.Integer((int)ic[i]) != 0 ? x.Real((int)ix[i]) : y.Real((int)iy[i]);
                }
                c.SetConstant(0, ConstantValue.OfReals(x.Type, dims, values));
            }
            else
            {
                var values = new long[ic.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = condition.Integer((int)ic[i]) != 0 ? x.Integer((int)ix[i]) : y.Integer((int)iy[i]);
                }
                c.SetConstant(0, ConstantValue.OfIntegers(x.Type, dims, values));
            }
            return;
        }
        // torch's expand(-1 …) picks between a shape and ones by where the shape says -1.
        if (c.Symbolic(0) is { } choice && c.Symbolic(1) is { } whenTrue && c.Symbolic(2) is { } whenFalse
            && SymbolicVector.Where(choice, whenTrue, whenFalse) is { } picked)
        {
            c.SetSymbolic(0, picked);
            return;
        }
        c.SetOutput(0, type, BroadcastInputs(c));
    }
}
