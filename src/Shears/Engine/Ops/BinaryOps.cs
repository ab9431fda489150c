using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>The broadcasting float arithmetic ops and their derivatives.</summary>
internal static class BinaryOps
{
    public sealed class Add : IBinaryOp
    {
        public (float A, float B)? LinearScales => (1f, 1f);

        public void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(a, b, y);

        public void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Add(a, b, y);

        public void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(b, a, y);

        public void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db) =>
            throw new InvalidOperationException("linear op");
    }

    public sealed class Sub : IBinaryOp
    {
        public (float A, float B)? LinearScales => (1f, -1f);

        public void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);

        public void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);

        public void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);

        public void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db) =>
            throw new InvalidOperationException("linear op");
    }

    public sealed class Mul : IBinaryOp
    {
        public (float A, float B)? LinearScales => null;

        public void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);

        public void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);

        public void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(b, a, y);

        public void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db)
        {
            if (!da.IsEmpty)
            {
                TensorPrimitives.FusedMultiplyAdd(dy, b, da, da);
            }
            if (!db.IsEmpty)
            {
                TensorPrimitives.FusedMultiplyAdd(dy, a, db, db);
            }
        }
    }

    public sealed class Div : IBinaryOp
    {
        public (float A, float B)? LinearScales => null;

        public void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);

        public void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Divide(a, b, y);

        public void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);

        public void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db)
        {
            for (var i = 0; i < dy.Length; i++)
            {
                if (!da.IsEmpty)
                {
                    da[i] += dy[i] / b[i];
                }
                if (!db.IsEmpty)
                {
                    db[i] -= dy[i] * y[i] / b[i];
                }
            }
        }
    }

    public sealed class Pow : IBinaryOp
    {
        public (float A, float B)? LinearScales => null;

        public void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Pow(a, b, y);

        public void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y)
        {
            // Common exponents take exact paths, as runtimes do.
            if (b == 2f)
            {
                TensorPrimitives.Multiply(a, a, y);
            }
            else if (b == 0.5f)
            {
                TensorPrimitives.Sqrt(a, y);
            }
            else
            {
                TensorPrimitives.Pow(a, b, y);
            }
        }

        public void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Pow(a, b, y);

        public void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db)
        {
            for (var i = 0; i < dy.Length; i++)
            {
                if (!da.IsEmpty)
                {
                    da[i] += dy[i] * b[i] * MathF.Pow(a[i], b[i] - 1f);
                }
                if (!db.IsEmpty)
                {
                    db[i] += a[i] > 0 ? dy[i] * y[i] * MathF.Log(a[i]) : 0f;
                }
            }
        }
    }

    public sealed class Max : IBinaryOp
    {
        public (float A, float B)? LinearScales => null;

        public void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Max(a, b, y);

        public void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Max(a, b, y);

        public void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Max(b, a, y);

        public void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db)
        {
            for (var i = 0; i < dy.Length; i++)
            {
                var toA = a[i] >= b[i];
                if (!da.IsEmpty && toA)
                {
                    da[i] += dy[i];
                }
                if (!db.IsEmpty && !toA)
                {
                    db[i] += dy[i];
                }
            }
        }
    }

    public sealed class Min : IBinaryOp
    {
        public (float A, float B)? LinearScales => null;

        public void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Min(a, b, y);

        public void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Min(a, b, y);

        public void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Min(b, a, y);

        public void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db)
        {
            for (var i = 0; i < dy.Length; i++)
            {
                var toA = a[i] <= b[i];
                if (!da.IsEmpty && toA)
                {
                    da[i] += dy[i];
                }
                if (!db.IsEmpty && !toA)
                {
                    db[i] += dy[i];
                }
            }
        }
    }
}
