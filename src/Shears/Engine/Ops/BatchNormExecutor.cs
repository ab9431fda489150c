using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>
/// BatchNormalization over [N, C, …] per channel. Inference plans normalise with the running
/// statistics (inputs 3 and 4) and back-propagate treating them as constants. Training plans
/// normalise with the batch mean and biased variance and update the running statistics in place
/// with ONNX momentum semantics, running = running·momentum + batch·(1 − momentum), where the
/// batch variance folded in is the unbiased one (as PyTorch does; the ONNX text uses the biased
/// one). Optional outputs 1–2 receive the updated running mean and variance, 3–4 (before opset 14)
/// the batch mean and biased variance.
/// </summary>
internal sealed class BatchNormExecutor : OpExecutor
{
    private const int Grain = 1 << 14;
    private readonly bool _batchStatistics;
    private readonly float _epsilon;
    private readonly float _momentum;
    private readonly int _batch;
    private readonly int _channels;
    private readonly int _plane;
    private readonly float[] _mean;
    private readonly float[] _variance;
    private readonly float[] _invStd;

    public BatchNormExecutor(OpExecutorContext context)
        : base(context)
    {
        if (context.Opset < 9 && context.Node.GetInt("spatial", 1) == 0)
        {
            throw context.Fail("spatial=0 (statistics per element) is not supported");
        }
        var shape = In(0).Shape;
        if (shape.Length < 2)
        {
            throw context.Fail("needs an input with a batch and a channel axis");
        }
        for (var i = 0; i < 5; i++)
        {
            InputChecks.RequireFloat(context, i);
        }
        (_batch, _channels, _plane) = (shape[0], shape[1], ShapeMath.Product(shape.AsSpan(2)));
        for (var i = 1; i < 5; i++)
        {
            if (In(i).Length != _channels)
            {
                throw context.Fail($"input {i} has {In(i).Length} elements for {_channels} channels");
            }
        }
        _batchStatistics = context.Training;
        _epsilon = context.Node.GetFloat("epsilon", 1e-5f);
        _momentum = context.Node.GetFloat("momentum", 0.9f);
        _mean = new float[_channels];
        _variance = new float[_channels];
        _invStd = new float[_channels];
        Outputs[0] = context.NewOutput(0);
        for (var i = 1; i < Outputs.Length; i++)
        {
            Outputs[i] = OutputSlots.NewOrEmpty(context, i);
        }
    }

    public override bool HasBackward => true;

    private int ChannelGrain => Math.Max(1, Grain / Math.Max(1, _batch * _plane));

    public override void Forward()
    {
        if (_batchStatistics)
        {
            ComputeBatchStatistics();
            UpdateRunningStatistics();
        }
        else
        {
            In(3).Span.CopyTo(_mean);
            In(4).Span.CopyTo(_variance);
        }
        for (var c = 0; c < _channels; c++)
        {
            _invStd[c] = 1f / MathF.Sqrt(_variance[c] + _epsilon);
        }
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var scale = In(1).Floats;
        var bias = In(2).Floats;
        var (channels, plane) = (_channels, _plane);
        ParallelRange.For(Options, _batch * channels, Math.Max(1, Grain / Math.Max(1, plane)), (start, end) =>
        {
            for (var p = start; p < end; p++)
            {
                var c = p % channels;
                var a = scale[c] * _invStd[c];
                var target = y.AsSpan(p * plane, plane);
                TensorPrimitives.Multiply(x.AsSpan(p * plane, plane), a, target);
                TensorPrimitives.Add(target, bias[c] - (_mean[c] * a), target);
            }
        });
        WriteStatisticsOutputs();
    }

    public override void Backward()
    {
        if (OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var x = In(0).Floats;
        var dy = dyTensor.Floats;
        var dx = InputGrads[0]?.Floats;
        var dScale = InputGrads[1]?.Floats;
        var dBias = InputGrads[2]?.Floats;
        var scale = In(1).Floats;
        var count = (float)(_batch * _plane);
        ParallelRange.For(Options, _channels, ChannelGrain, (start, end) =>
        {
            for (var c = start; c < end; c++)
            {
                float sumDy = 0, dotDyX = 0;
                for (var n = 0; n < _batch; n++)
                {
                    var offset = ((n * _channels) + c) * _plane;
                    sumDy += TensorPrimitives.Sum(dy.AsSpan(offset, _plane));
                    dotDyX += TensorPrimitives.Dot(dy.AsSpan(offset, _plane), x.AsSpan(offset, _plane));
                }
                var r = _invStd[c];
                var mean = _mean[c];
                // With x̂ = (x − μ)·r: dγ = Σ dy·x̂, dβ = Σ dy.
                var gradScale = r * (dotDyX - (mean * sumDy));
                if (dScale is not null)
                {
                    dScale[c] += gradScale;
                }
                if (dBias is not null)
                {
                    dBias[c] += sumDy;
                }
                if (dx is null)
                {
                    continue;
                }
                // Running statistics are constants: dx = γ·r·dy. Batch statistics depend on x too:
                // dx = γ·r·(dy − dβ/M − x̂·dγ/M), expanded as a·dy + b·x + k.
                var a = scale[c] * r;
                var b = _batchStatistics ? -a * r * gradScale / count : 0f;
                var k = _batchStatistics ? (-a * sumDy / count) - (b * mean) : 0f;
                for (var n = 0; n < _batch; n++)
                {
                    var offset = ((n * _channels) + c) * _plane;
                    var target = dx.AsSpan(offset, _plane);
                    TensorPrimitives.MultiplyAdd(dy.AsSpan(offset, _plane), a, target, target);
                    if (_batchStatistics)
                    {
                        TensorPrimitives.MultiplyAdd(x.AsSpan(offset, _plane), b, target, target);
                        TensorPrimitives.Add(target, k, target);
                    }
                }
            }
        });
    }

    private void ComputeBatchStatistics()
    {
        var x = In(0).Floats;
        // The output buffer holds x − μ for the variance pass; the affine pass overwrites it.
        var centered = Outputs[0].Floats;
        var count = (float)(_batch * _plane);
        ParallelRange.For(Options, _channels, ChannelGrain, (start, end) =>
        {
            for (var c = start; c < end; c++)
            {
                float sum = 0;
                for (var n = 0; n < _batch; n++)
                {
                    sum += TensorPrimitives.Sum(x.AsSpan(((n * _channels) + c) * _plane, _plane));
                }
                var mean = sum / count;
                float squares = 0;
                for (var n = 0; n < _batch; n++)
                {
                    var offset = ((n * _channels) + c) * _plane;
                    var row = centered.AsSpan(offset, _plane);
                    TensorPrimitives.Subtract(x.AsSpan(offset, _plane), mean, row);
                    squares += TensorPrimitives.SumOfSquares(row);
                }
                _mean[c] = mean;
                _variance[c] = squares / count;
            }
        });
    }

    private void UpdateRunningStatistics()
    {
        var count = _batch * _plane;
        var unbiased = count > 1 ? count / (float)(count - 1) : 1f;
        var runningMean = In(3).Floats;
        var runningVariance = In(4).Floats;
        for (var c = 0; c < _channels; c++)
        {
            runningMean[c] = (runningMean[c] * _momentum) + (_mean[c] * (1f - _momentum));
            runningVariance[c] = (runningVariance[c] * _momentum) + (_variance[c] * unbiased * (1f - _momentum));
        }
    }

    private void WriteStatisticsOutputs()
    {
        for (var i = 1; i < Outputs.Length; i++)
        {
            if (Outputs[i].Length != _channels)
            {
                continue;
            }
            var source = i switch
            {
                1 => In(3).Span,
                2 => In(4).Span,
                3 => _mean,
                _ => _variance,
            };
            source.CopyTo(Outputs[i].Span);
        }
    }
}
