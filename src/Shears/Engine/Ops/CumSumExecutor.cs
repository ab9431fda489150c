using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// CumSum along an axis (float or int64), optionally exclusive and/or reversed. Its gradient is
/// the cumulative sum of the output gradient in the opposite direction, with the same exclusivity.
/// </summary>
internal sealed class CumSumExecutor : OpExecutor
{
    private readonly bool _exclusive;
    private readonly bool _reverse;
    private readonly int _outer;
    private readonly int _size;
    private readonly int _inner;

    public CumSumExecutor(OpExecutorContext context)
        : base(context)
    {
        var shape = In(0).Shape;
        var axis = ConstantInputs.Ints(context, 1) is [var a] ? a : throw context.Fail("input 'axis' must be one integer");
        (_outer, _size, _inner) = ShapeMath.AroundAxis(shape, ShapeMath.Axis(context, axis, shape.Length));
        _exclusive = context.Node.GetInt("exclusive", 0) != 0;
        _reverse = context.Node.GetInt("reverse", 0) != 0;
        Outputs[0] = context.NewOutput(0);
    }

    public override bool HasBackward => In(0).Type == DataType.Float;

    public override void Forward()
    {
        if (In(0).Type == DataType.Float)
        {
            Scan(In(0).Floats, Outputs[0].Floats, _reverse, accumulate: false);
        }
        else
        {
            Scan(In(0).Longs, Outputs[0].Longs, _reverse, accumulate: false);
        }
    }

    public override void Backward()
    {
        if (InputGrads[0] is { } dx && OutputGrads[0] is { } dy)
        {
            Scan(dy.Floats, dx.Floats, !_reverse, accumulate: true);
        }
    }

    /// <summary>Running sums of source along the axis into target (replacing, or adding when <paramref name="accumulate"/>).</summary>
    private void Scan<T>(T[] source, T[] target, bool reverse, bool accumulate)
        where T : struct, INumber<T>
    {
        var (size, inner) = (_size, _inner);
        ParallelRange.For(Options, _outer, Math.Max(1, (1 << 14) / Math.Max(1, size * inner)), (start, end) =>
        {
            var running = ArrayPool<T>.Shared.Rent(inner);
            var total = running.AsSpan(0, inner);
            for (var o = start; o < end; o++)
            {
                total.Clear();
                for (var step = 0; step < size; step++)
                {
                    var k = reverse ? size - 1 - step : step;
                    var at = ((o * size) + k) * inner;
                    if (!_exclusive)
                    {
                        TensorPrimitives.Add(total, source.AsSpan(at, inner), total);
                    }
                    var destination = target.AsSpan(at, inner);
                    if (accumulate)
                    {
                        TensorPrimitives.Add(destination, total, destination);
                    }
                    else
                    {
                        total.CopyTo(destination);
                    }
                    if (_exclusive)
                    {
                        TensorPrimitives.Add(total, source.AsSpan(at, inner), total);
                    }
                }
            }
            ArrayPool<T>.Shared.Return(running);
        });
    }
}
