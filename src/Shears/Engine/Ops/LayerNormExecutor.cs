using System.Buffers;
using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>
/// LayerNormalization over the axes from <c>axis</c> to the end, with scale and optional bias
/// broadcast over that normalised shape and the optional Mean and InvStdDev outputs. Rows are
/// independent, so the forward pass and the input gradient run in parallel over rows; the scale
/// and bias gradients run in parallel over columns.
/// </summary>
internal sealed class LayerNormExecutor : OpExecutor
{
    private const int Grain = 1 << 14;
    private readonly int _rows;
    private readonly int _width;
    private readonly int[] _normalizedShape;
    private readonly float _epsilon;
    private readonly float[] _mean;
    private readonly float[] _invStd;
    private readonly float[]? _scaleFull;
    private readonly float[]? _biasFull;
    private readonly float[] _scaleGradient;
    private readonly float[] _biasGradient;

    public LayerNormExecutor(OpExecutorContext context)
        : base(context)
    {
        InputChecks.RequireFloat(context);
        InputChecks.RequireFloat(context, 1);
        var shape = In(0).Shape;
        var axis = ShapeMath.Axis(context, context.Node.GetInt("axis", -1), shape.Length);
        _rows = ShapeMath.Product(shape.AsSpan(0, axis));
        _width = ShapeMath.Product(shape.AsSpan(axis));
        _normalizedShape = shape[axis..];
        _epsilon = context.Node.GetFloat("epsilon", 1e-5f);
        _mean = new float[_rows];
        _invStd = new float[_rows];
        // Scale and bias smaller than the normalised shape are broadcast into full rows each pass (they change while training).
        _scaleFull = In(1).Length == _width ? null : new float[_width];
        _biasFull = Bias is { } b && b.Length != _width ? new float[_width] : null;
        _scaleGradient = _scaleFull is null ? [] : new float[_width];
        _biasGradient = _biasFull is null ? [] : new float[_width];
        Outputs[0] = context.NewOutput(0);
        for (var i = 1; i < Outputs.Length; i++)
        {
            Outputs[i] = OutputSlots.NewOrEmpty(context, i);
        }
    }

    public override bool HasBackward => true;

    private EngineTensor? Bias => Inputs.Length > 2 ? Inputs[2] : null;

    private int RowGrain => Math.Max(1, Grain / Math.Max(1, _width));

    public override void Forward()
    {
        var scale = Full(In(1), _scaleFull);
        var bias = Bias is { } b ? Full(b, _biasFull) : null;
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var width = _width;
        ParallelRange.For(Options, _rows, RowGrain, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var row = y.AsSpan(r * width, width);
                var mean = TensorPrimitives.Sum(x.AsSpan(r * width, width)) / width;
                TensorPrimitives.Subtract(x.AsSpan(r * width, width), mean, row);
                var invStd = 1f / MathF.Sqrt((TensorPrimitives.SumOfSquares(row) / width) + _epsilon);
                TensorPrimitives.Multiply(row, invStd, row);
                if (bias is null)
                {
                    TensorPrimitives.Multiply(row, scale.AsSpan(0, width), row);
                }
                else
                {
                    TensorPrimitives.FusedMultiplyAdd(row, scale.AsSpan(0, width), bias.AsSpan(0, width), row);
                }
                _mean[r] = mean;
                _invStd[r] = invStd;
            }
        });
        if (Outputs.Length > 1 && Outputs[1].Length == _rows)
        {
            _mean.CopyTo(Outputs[1].Floats, 0);
        }
        if (Outputs.Length > 2 && Outputs[2].Length == _rows)
        {
            _invStd.CopyTo(Outputs[2].Floats, 0);
        }
    }

    public override void Backward()
    {
        if (OutputGrads[0] is not { } dy)
        {
            return;
        }
        if (InputGrads[0] is { } dx)
        {
            InputGradient(dy.Floats, dx.Floats);
        }
        var dScale = InputGrads[1];
        var dBias = Inputs.Length > 2 ? InputGrads[2] : null;
        if (dScale is null && dBias is null)
        {
            return;
        }
        var scaleTarget = dScale is null ? null : _scaleFull is null ? dScale.Floats : Cleared(_scaleGradient);
        var biasTarget = dBias is null ? null : _biasFull is null ? dBias.Floats : Cleared(_biasGradient);
        AffineGradients(dy.Floats, scaleTarget, biasTarget);
        if (dScale is not null && _scaleFull is not null)
        {
            Reduction.SumInto(_scaleGradient, _normalizedShape, dScale);
        }
        if (dBias is not null && _biasFull is not null)
        {
            Reduction.SumInto(_biasGradient, _normalizedShape, dBias);
        }
    }

    /// <summary>dx += r·(g − mean(g) − x̂·mean(g·x̂)) with g = dy·scale and x̂ = (x − μ)·r, row by row.</summary>
    private void InputGradient(float[] dy, float[] dx)
    {
        var scale = Full(In(1), _scaleFull);
        var x = In(0).Floats;
        var width = _width;
        ParallelRange.For(Options, _rows, RowGrain, (start, end) =>
        {
            var scratch = ArrayPool<float>.Shared.Rent(2 * width);
            var normalized = scratch.AsSpan(0, width);
            var g = scratch.AsSpan(width, width);
            for (var r = start; r < end; r++)
            {
                var invStd = _invStd[r];
                TensorPrimitives.Subtract(x.AsSpan(r * width, width), _mean[r], normalized);
                TensorPrimitives.Multiply(normalized, invStd, normalized);
                TensorPrimitives.Multiply(dy.AsSpan(r * width, width), scale.AsSpan(0, width), g);
                var meanG = TensorPrimitives.Sum(g) / width;
                var meanGx = TensorPrimitives.Dot(g, normalized) / width;
                TensorPrimitives.Subtract(g, meanG, g);
                TensorPrimitives.MultiplyAdd(normalized, -meanGx, g, g);
                var target = dx.AsSpan(r * width, width);
                TensorPrimitives.MultiplyAdd(g, invStd, target, target);
            }
            ArrayPool<float>.Shared.Return(scratch);
        });
    }

    /// <summary>dscale += Σ_rows dy·x̂ and dbias += Σ_rows dy, each thread owning a band of columns.</summary>
    private void AffineGradients(float[] dy, float[]? dScale, float[]? dBias)
    {
        var x = In(0).Floats;
        var width = _width;
        ParallelRange.For(Options, width, Math.Max(1, Grain / Math.Max(1, _rows)), (start, end) =>
        {
            var length = end - start;
            var scratch = ArrayPool<float>.Shared.Rent(length);
            var normalized = scratch.AsSpan(0, length);
            for (var r = 0; r < _rows; r++)
            {
                var offset = (r * width) + start;
                var gradient = dy.AsSpan(offset, length);
                if (dScale is not null)
                {
                    TensorPrimitives.Subtract(x.AsSpan(offset, length), _mean[r], normalized);
                    TensorPrimitives.Multiply(normalized, _invStd[r], normalized);
                    var target = dScale.AsSpan(start, length);
                    TensorPrimitives.FusedMultiplyAdd(gradient, normalized, target, target);
                }
                if (dBias is not null)
                {
                    var target = dBias.AsSpan(start, length);
                    TensorPrimitives.Add(target, gradient, target);
                }
            }
            ArrayPool<float>.Shared.Return(scratch);
        });
    }

    private float[] Full(EngineTensor parameter, float[]? full)
    {
        if (full is null)
        {
            return parameter.Floats;
        }
        Reduction.Broadcast(parameter, _normalizedShape, full);
        return full;
    }

    private static float[] Cleared(float[] buffer)
    {
        Array.Clear(buffer);
        return buffer;
    }
}
