using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>InstanceNormalization (forward): each batch × channel plane is normalised by its own mean and biased variance, then scaled and shifted per channel.</summary>
internal sealed class InstanceNormExecutor : OpExecutor
{
    private readonly int _channels;
    private readonly int _plane;
    private readonly float _epsilon;

    public InstanceNormExecutor(OpExecutorContext context)
        : base(context)
    {
        for (var i = 0; i < 3; i++)
        {
            InputChecks.RequireFloat(context, i);
        }
        var shape = In(0).Shape;
        if (shape.Length < 3 || In(1).Length != shape[1] || In(2).Length != shape[1])
        {
            throw context.Fail("needs [N, C, spatial…] input with C scales and biases");
        }
        _channels = shape[1];
        _plane = ShapeMath.Product(shape.AsSpan(2));
        _epsilon = context.Node.GetFloat("epsilon", 1e-5f);
        Outputs[0] = context.NewOutput(0);
    }

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var scale = In(1).Floats;
        var bias = In(2).Floats;
        var plane = _plane;
        ParallelRange.For(Options, Outputs[0].Length / Math.Max(1, plane), Math.Max(1, (1 << 14) / Math.Max(1, plane)), (start, end) =>
        {
            for (var p = start; p < end; p++)
            {
                var row = y.AsSpan(p * plane, plane);
                var mean = TensorPrimitives.Sum(x.AsSpan(p * plane, plane)) / plane;
                TensorPrimitives.Subtract(x.AsSpan(p * plane, plane), mean, row);
                var invStd = 1f / MathF.Sqrt((TensorPrimitives.SumOfSquares(row) / plane) + _epsilon);
                var c = p % _channels;
                TensorPrimitives.Multiply(row, scale[c] * invStd, row);
                TensorPrimitives.Add(row, bias[c], row);
            }
        });
    }
}
