using System.Numerics;
using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>Elementwise activations and math functions with their derivatives.</summary>
internal static class UnaryExecutors
{
    private const float InvSqrt2 = 0.70710678118654752f;
    private const float InvSqrt2Pi = 0.39894228040143268f;

    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new UnaryExecutor(c, (x, y) => TensorPrimitives.Max(x, 0f, y), (x, _, dy, dx) => ReluBackward(x, dy, dx)), "Relu");
        table.Add(LeakyRelu, "LeakyRelu");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Sigmoid, (_, y, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] += dy[i] * y[i] * (1 - y[i]); }
        }), "Sigmoid");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Tanh, (_, y, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] += dy[i] * (1 - (y[i] * y[i])); }
        }), "Tanh");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Exp, (_, y, dy, dx) => TensorPrimitives.FusedMultiplyAdd(dy, y, dx, dx)), "Exp");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Log, (x, _, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] += dy[i] / x[i]; }
        }), "Log");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Sqrt, (_, y, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] += 0.5f * dy[i] / y[i]; }
        }), "Sqrt");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Negate, (_, _, dy, dx) => TensorPrimitives.Subtract(dx, dy, dx)), "Neg");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Abs, (x, _, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] += x[i] > 0 ? dy[i] : x[i] < 0 ? -dy[i] : 0f; }
        }), "Abs");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Reciprocal, (_, y, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] -= dy[i] * y[i] * y[i]; }
        }), "Reciprocal");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Floor, null), "Floor");
        table.Add(c => new UnaryExecutor(c, TensorPrimitives.Ceiling, null), "Ceil");
        table.Add(c => new UnaryExecutor(c, Erf, (x, _, dy, dx) =>
        {
            // d/dx erf(x) = 2/√π · exp(−x²)
            for (var i = 0; i < dx.Length; i++) { dx[i] += dy[i] * 1.1283791670955126f * MathF.Exp(-x[i] * x[i]); }
        }), "Erf");
        table.Add(Gelu, "Gelu");
        table.Add(HardSigmoid, "HardSigmoid");
        table.Add(c => new UnaryExecutor(c, HardSwish, (x, _, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] += dy[i] * (x[i] < -3f ? 0f : x[i] > 3f ? 1f : ((2f * x[i]) + 3f) / 6f); }
        }), "HardSwish");
        table.Add(Clip, "Clip");
        table.Add(c => new UnaryExecutor(c, Softplus, (x, _, dy, dx) =>
        {
            for (var i = 0; i < dx.Length; i++) { dx[i] += dy[i] / (1f + MathF.Exp(-x[i])); }
        }), "Softplus");
        table.Add(Elu, "Elu");
    }

    private static void Erf(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = (float)ErrorFunction.Erf(x[i]);
        }
    }

    private static void HardSwish(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = x[i] * Math.Clamp((x[i] / 6f) + 0.5f, 0f, 1f);
        }
    }

    private static void Softplus(ReadOnlySpan<float> x, Span<float> y)
    {
        // log(1 + e^x) without overflow for large x.
        for (var i = 0; i < y.Length; i++)
        {
            var v = x[i];
            y[i] = v > 20f ? v : MathF.Log(1f + MathF.Exp(v));
        }
    }

    /// <summary>dx += dy where x &gt; 0: a select per vector, since the sign pattern of activations defeats branch prediction.</summary>
    private static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var passed = Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero), new Vector<float>(dy[i..]), Vector<float>.Zero);
                (new Vector<float>(dx[i..]) + passed).CopyTo(dx[i..]);
            }
        }
        for (; i < dx.Length; i++)
        {
            dx[i] += x[i] > 0 ? dy[i] : 0f;
        }
    }

    private static OpExecutor LeakyRelu(OpExecutorContext c)
    {
        var alpha = c.Node.GetFloat("alpha", 0.01f);
        return new UnaryExecutor(c,
            (x, y) =>
            {
                for (var i = 0; i < y.Length; i++) { y[i] = x[i] >= 0 ? x[i] : alpha * x[i]; }
            },
            (x, _, dy, dx) =>
            {
                for (var i = 0; i < dx.Length; i++) { dx[i] += x[i] >= 0 ? dy[i] : alpha * dy[i]; }
            });
    }

    private static OpExecutor Elu(OpExecutorContext c)
    {
        var alpha = c.Node.GetFloat("alpha", 1f);
        return new UnaryExecutor(c,
            (x, y) =>
            {
                for (var i = 0; i < y.Length; i++) { y[i] = x[i] > 0 ? x[i] : alpha * (MathF.Exp(x[i]) - 1f); }
            },
            (x, y, dy, dx) =>
            {
                for (var i = 0; i < dx.Length; i++) { dx[i] += x[i] > 0 ? dy[i] : dy[i] * (y[i] + alpha); }
            });
    }

    private static OpExecutor Gelu(OpExecutorContext c)
    {
        if (c.Node.GetString("approximate", "none") == "tanh")
        {
            const float k = 0.7978845608f; // √(2/π)
            return new UnaryExecutor(c,
                (x, y) =>
                {
                    for (var i = 0; i < y.Length; i++)
                    {
                        var v = x[i];
                        y[i] = 0.5f * v * (1f + MathF.Tanh(k * (v + (0.044715f * v * v * v))));
                    }
                },
                (x, _, dy, dx) =>
                {
                    for (var i = 0; i < dx.Length; i++)
                    {
                        var v = x[i];
                        var t = MathF.Tanh(k * (v + (0.044715f * v * v * v)));
                        var dt = (1f - (t * t)) * k * (1f + (3f * 0.044715f * v * v));
                        dx[i] += dy[i] * ((0.5f * (1f + t)) + (0.5f * v * dt));
                    }
                });
        }
        return new UnaryExecutor(c,
            (x, y) =>
            {
                for (var i = 0; i < y.Length; i++) { y[i] = (float)(0.5 * x[i] * (1 + ErrorFunction.Erf(x[i] * InvSqrt2))); }
            },
            (x, _, dy, dx) =>
            {
                for (var i = 0; i < dx.Length; i++)
                {
                    var v = x[i];
                    var cdf = (float)(0.5 * (1 + ErrorFunction.Erf(v * InvSqrt2)));
                    dx[i] += dy[i] * (cdf + (v * InvSqrt2Pi * MathF.Exp(-0.5f * v * v)));
                }
            });
    }

    private static OpExecutor HardSigmoid(OpExecutorContext c)
    {
        var alpha = c.Node.GetFloat("alpha", 0.2f);
        var beta = c.Node.GetFloat("beta", 0.5f);
        return new UnaryExecutor(c,
            (x, y) =>
            {
                for (var i = 0; i < y.Length; i++) { y[i] = Math.Clamp((alpha * x[i]) + beta, 0f, 1f); }
            },
            (x, _, dy, dx) =>
            {
                for (var i = 0; i < dx.Length; i++)
                {
                    var v = (alpha * x[i]) + beta;
                    dx[i] += v > 0f && v < 1f ? alpha * dy[i] : 0f;
                }
            });
    }

    private static OpExecutor Clip(OpExecutorContext c)
    {
        float min, max;
        if (c.Opset < 11)
        {
            min = c.Node.GetFloat("min", float.NegativeInfinity);
            max = c.Node.GetFloat("max", float.PositiveInfinity);
        }
        else
        {
            min = Bound(c, 1, float.NegativeInfinity);
            max = Bound(c, 2, float.PositiveInfinity);
        }
        return new UnaryExecutor(c,
            (x, y) =>
            {
                for (var i = 0; i < y.Length; i++) { y[i] = Math.Min(Math.Max(x[i], min), max); }
            },
            (x, _, dy, dx) =>
            {
                for (var i = 0; i < dx.Length; i++) { dx[i] += x[i] >= min && x[i] <= max ? dy[i] : 0f; }
            });
    }

    // Clip bounds are read once at compile time: exporters always give them as constants.
    private static float Bound(OpExecutorContext c, int index, float fallback)
    {
        if (c.Node.Input(index) is null)
        {
            return fallback;
        }
        var tensor = c.Inputs[index] ?? throw c.Fail($"bound input {index} is missing");
        return tensor.Type == IR.DataType.Float ? tensor.Floats[0] : tensor.Longs[0];
    }
}
