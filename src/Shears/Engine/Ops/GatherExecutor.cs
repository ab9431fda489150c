using System.Numerics.Tensors;
using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// Gather along an axis with int64 indices (negative ones count from the end), read at run time.
/// The data is seen as [outer, size, inner]: each output row copies one inner run. The gradient
/// scatters back with addition, so repeated indices (embedding lookups) accumulate.
/// </summary>
internal sealed class GatherExecutor : OpExecutor, IStorageAction
{
    private const int Grain = 1 << 14;
    private readonly int _axis;
    private readonly int _outer;
    private readonly int _size;
    private readonly int _inner;
    private readonly int[] _rows;

    public GatherExecutor(OpExecutorContext context)
        : base(context)
    {
        var shape = In(0).Shape;
        _axis = ShapeMath.Axis(context, context.Node.GetInt("axis", 0), shape.Length);
        (_outer, _size, _inner) = ShapeMath.AroundAxis(shape, _axis);
        if (In(1).Type != DataType.Int64)
        {
            throw context.Fail("indices must be integers");
        }
        _rows = new int[In(1).Length];
        Outputs[0] = context.NewOutput(0);
    }

    public override bool HasBackward => In(0).Type == DataType.Float;

    public override void Forward()
    {
        ReadIndices();
        StorageDispatch.Run(this, In(0), Outputs[0]);
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dxTensor || OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var dx = dxTensor.Floats;
        var dy = dyTensor.Floats;
        var count = _rows.Length;
        var inner = _inner;
        // Different outer blocks never share a destination; within one, repeated indices do, so it runs in order.
        ParallelRange.For(Options, _outer, Math.Max(1, Grain / Math.Max(1, count * inner)), (start, end) =>
        {
            for (var o = start; o < end; o++)
            {
                for (var k = 0; k < count; k++)
                {
                    var target = dx.AsSpan(((o * _size) + _rows[k]) * inner, inner);
                    TensorPrimitives.Add(target, dy.AsSpan(((o * count) + k) * inner, inner), target);
                }
            }
        });
    }

    private void ReadIndices()
    {
        var indices = In(1).Longs;
        for (var k = 0; k < _rows.Length; k++)
        {
            var index = indices[k];
            var resolved = index < 0 ? index + _size : index;
            if (resolved < 0 || resolved >= _size)
            {
                throw new ShearsException($"node '{Name}' (Gather): index {index} is out of range for axis {_axis} of size {_size}");
            }
            _rows[k] = (int)resolved;
        }
    }

    /// <summary>Copies the inner run each output row points at.</summary>
    public void Run<T>(T[] data, T[] y)
    {
        var count = _rows.Length;
        var inner = _inner;
        ParallelRange.For(Options, _outer * count, Math.Max(1, Grain / Math.Max(1, inner)), (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var o = r / count;
                var source = ((o * _size) + _rows[r - (o * count)]) * inner;
                data.AsSpan(source, inner).CopyTo(y.AsSpan(r * inner, inner));
            }
        });
    }
}
