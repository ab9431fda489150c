using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>
/// Linear and cubic Resize as one interpolation pass per resized axis (bilinear = linear along H
/// then along W, which is the same weighted sum). Intermediate results live in two buffers
/// allocated at construction.
/// </summary>
internal sealed class SeparableResizeExecutor : OpExecutor
{
    private const int Grain = 1 << 14;
    private readonly List<(int Axis, InterpolationTaps Taps, int[] Shape)> _passes = [];
    private readonly float[][] _buffers;

    /// <param name="context">The node being compiled.</param>
    /// <param name="taps">Per input axis, its interpolation; null or identity where the axis is not resized.</param>
    public SeparableResizeExecutor(OpExecutorContext context, InterpolationTaps?[] taps)
        : base(context)
    {
        InputChecks.RequireFloat(context);
        Outputs[0] = context.NewOutput(0);
        var shape = (int[])In(0).Shape.Clone();
        var largest = 0;
        for (var axis = 0; axis < taps.Length; axis++)
        {
            if (taps[axis] is not { } axisTaps || axisTaps.IsIdentity())
            {
                continue;
            }
            _passes.Add((axis, axisTaps, (int[])shape.Clone()));
            shape[axis] = axisTaps.OutputSize;
            largest = Math.Max(largest, ShapeMath.Product(shape));
        }
        _buffers = _passes.Count > 1 ? [new float[largest], new float[largest]] : [];
    }

    public override void Forward()
    {
        if (_passes.Count == 0)
        {
            In(0).Span.CopyTo(Outputs[0].Span);
            return;
        }
        var source = In(0).Floats;
        for (var p = 0; p < _passes.Count; p++)
        {
            var target = p == _passes.Count - 1 ? Outputs[0].Floats : _buffers[p % 2];
            var (axis, taps, shape) = _passes[p];
            Interpolate(source, shape, axis, taps, target);
            source = target;
        }
    }

    private void Interpolate(float[] source, int[] shape, int axis, InterpolationTaps taps, float[] target)
    {
        var (outer, size, inner) = ShapeMath.AroundAxis(shape, axis);
        var count = taps.TapsPerOutput;
        var outputSize = taps.OutputSize;
        var indices = taps.Indices;
        var weights = taps.Weights;
        ParallelRange.For(Options, outer * outputSize, Math.Max(1, Grain / Math.Max(1, inner * count)), (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var o = r / outputSize;
                var j = r - (o * outputSize);
                var row = o * size;
                var first = j * count;
                if (inner == 1)
                {
                    float sum = 0;
                    for (var t = 0; t < count; t++)
                    {
                        sum += weights[first + t] * source[row + indices[first + t]];
                    }
                    target[r] = sum;
                    continue;
                }
                var destination = target.AsSpan(r * inner, inner);
                TensorPrimitives.Multiply(source.AsSpan((row + indices[first]) * inner, inner), weights[first], destination);
                for (var t = 1; t < count; t++)
                {
                    TensorPrimitives.MultiplyAdd(source.AsSpan((row + indices[first + t]) * inner, inner), weights[first + t], destination, destination);
                }
            }
        });
    }
}
