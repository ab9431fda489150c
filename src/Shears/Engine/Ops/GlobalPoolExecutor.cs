using System.Numerics.Tensors;
using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>GlobalAveragePool and GlobalMaxPool: one value per batch × channel plane; both have gradients.</summary>
internal sealed class GlobalPoolExecutor : OpExecutor
{
    private readonly bool _max;
    private readonly int _plane;
    private readonly int[] _winners;

    public GlobalPoolExecutor(OpExecutorContext context, bool max)
        : base(context)
    {
        var shape = In(0).Shape;
        if (In(0).Type != DataType.Float || shape.Length < 3)
        {
            throw context.Fail("expects a float input with a batch, a channel and spatial axes");
        }
        _max = max;
        _plane = ShapeMath.Product(shape.AsSpan(2));
        Outputs[0] = context.NewOutput(0);
        _winners = max ? new int[Outputs[0].Length] : [];
    }

    public override bool HasBackward => true;

    private int Grain => Math.Max(1, (1 << 14) / Math.Max(1, _plane));

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var plane = _plane;
        ParallelRange.For(Options, Outputs[0].Length, Grain, (start, end) =>
        {
            for (var p = start; p < end; p++)
            {
                var values = x.AsSpan(p * plane, plane);
                if (_max)
                {
                    _winners[p] = TensorPrimitives.IndexOfMax(values);
                    y[p] = values[_winners[p]];
                }
                else
                {
                    y[p] = TensorPrimitives.Sum(values) / plane;
                }
            }
        });
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dxTensor || OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var dx = dxTensor.Floats;
        var dy = dyTensor.Floats;
        var plane = _plane;
        ParallelRange.For(Options, Outputs[0].Length, Grain, (start, end) =>
        {
            for (var p = start; p < end; p++)
            {
                if (_max)
                {
                    dx[(p * plane) + _winners[p]] += dy[p];
                }
                else
                {
                    var target = dx.AsSpan(p * plane, plane);
                    TensorPrimitives.Add(target, dy[p] / plane, target);
                }
            }
        });
    }
}
