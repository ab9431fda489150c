using System.Buffers;
using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>
/// Softmax and LogSoftmax along an axis, stabilised by subtracting the maximum. From opset 13 the
/// axis alone is normalised; before, the input is seen as 2-D split at the axis and whole rows are.
/// Contiguous rows use vector primitives; an inner axis works on [size × inner] blocks column-wise.
/// </summary>
internal sealed class SoftmaxExecutor : OpExecutor
{
    private const int Grain = 1 << 14;
    private readonly bool _log;
    private readonly int _outer;
    private readonly int _size;
    private readonly int _inner;

    public SoftmaxExecutor(OpExecutorContext context, bool log)
        : base(context)
    {
        InputChecks.RequireFloat(context);
        _log = log;
        var shape = In(0).Shape;
        var axis = ShapeMath.Axis(context, context.Node.GetInt("axis", context.Opset < 13 ? 1 : -1), Math.Max(shape.Length, 1));
        if (context.Opset < 13)
        {
            (_outer, _size, _inner) = (ShapeMath.Product(shape.AsSpan(0, axis)), ShapeMath.Product(shape.AsSpan(axis)), 1);
        }
        else
        {
            (_outer, _size, _inner) = shape.Length == 0 ? (1, 1, 1) : ShapeMath.AroundAxis(shape, axis);
        }
        Outputs[0] = context.NewOutput(0);
    }

    public override bool HasBackward => true;

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var block = _size * _inner;
        ParallelRange.For(Options, _outer, Math.Max(1, Grain / Math.Max(1, block)), (start, end) =>
        {
            var scratch = _inner > 1 ? ArrayPool<float>.Shared.Rent(2 * _inner) : null;
            for (var o = start; o < end; o++)
            {
                if (scratch is null)
                {
                    Row(x.AsSpan(o * block, block), y.AsSpan(o * block, block));
                }
                else
                {
                    Block(x.AsSpan(o * block, block), y.AsSpan(o * block, block), scratch.AsSpan(0, _inner), scratch.AsSpan(_inner, _inner));
                }
            }
            if (scratch is not null)
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        });
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dxTensor || OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var y = Outputs[0].Floats;
        var dy = dyTensor.Floats;
        var dx = dxTensor.Floats;
        var block = _size * _inner;
        ParallelRange.For(Options, _outer, Math.Max(1, Grain / Math.Max(1, block)), (start, end) =>
        {
            for (var o = start; o < end; o++)
            {
                var offset = o * block;
                for (var i = 0; i < _inner; i++)
                {
                    BackwardColumn(y, dy, dx, offset + i);
                }
            }
        });
    }

    private void Row(ReadOnlySpan<float> x, Span<float> y)
    {
        var max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        var sum = TensorPrimitives.Sum(y);
        if (_log)
        {
            TensorPrimitives.Subtract(x, max + MathF.Log(sum), y);
        }
        else
        {
            TensorPrimitives.Divide(y, sum, y);
        }
    }

    private void Block(ReadOnlySpan<float> x, Span<float> y, Span<float> max, Span<float> sum)
    {
        var inner = _inner;
        x[..inner].CopyTo(max);
        for (var k = 1; k < _size; k++)
        {
            TensorPrimitives.Max(max, x.Slice(k * inner, inner), max);
        }
        sum.Clear();
        for (var k = 0; k < _size; k++)
        {
            var row = y.Slice(k * inner, inner);
            TensorPrimitives.Subtract(x.Slice(k * inner, inner), max, row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Add(sum, row, sum);
        }
        if (_log)
        {
            TensorPrimitives.Log(sum, sum);
            TensorPrimitives.Add(max, sum, max);
        }
        for (var k = 0; k < _size; k++)
        {
            var row = y.Slice(k * inner, inner);
            if (_log)
            {
                TensorPrimitives.Subtract(x.Slice(k * inner, inner), max, row);
            }
            else
            {
                TensorPrimitives.Divide(row, sum, row);
            }
        }
    }

    /// <summary>
    /// One normalised slice (every inner-th element from <paramref name="first"/>):
    /// softmax dx += y·(dy − Σdy·y); log-softmax dx += dy − exp(y)·Σdy.
    /// </summary>
    private void BackwardColumn(float[] y, float[] dy, float[] dx, int first)
    {
        var (size, inner) = (_size, _inner);
        if (inner == 1)
        {
            var ys = y.AsSpan(first, size);
            var dys = dy.AsSpan(first, size);
            var dxs = dx.AsSpan(first, size);
            if (_log)
            {
                var total = TensorPrimitives.Sum(dys);
                for (var k = 0; k < size; k++)
                {
                    dxs[k] += dys[k] - (MathF.Exp(ys[k]) * total);
                }
            }
            else
            {
                var dot = TensorPrimitives.Dot(dys, ys);
                TensorPrimitives.FusedMultiplyAdd(ys, dys, dxs, dxs);
                TensorPrimitives.MultiplyAdd(ys, -dot, dxs, dxs);
            }
            return;
        }
        float sum = 0;
        for (var k = 0; k < size; k++)
        {
            var at = first + (k * inner);
            sum += _log ? dy[at] : dy[at] * y[at];
        }
        for (var k = 0; k < size; k++)
        {
            var at = first + (k * inner);
            dx[at] += _log ? dy[at] - (MathF.Exp(y[at]) * sum) : y[at] * (dy[at] - sum);
        }
    }
}
