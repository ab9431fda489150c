using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>Pad in constant mode: the output is filled with the value, then the (possibly cropped) input is copied inside; the gradient is the inside part of the output gradient.</summary>
internal sealed class ConstantPadExecutor : OpExecutor
{
    private readonly TableCopy _inside;
    private readonly TableCopy _insideGradient;
    private readonly double _value;

    public ConstantPadExecutor(OpExecutorContext context, Padding padding)
        : base(context)
    {
        Outputs[0] = context.NewOutput(0);
        _value = padding.Value;
        var shape = In(0).Shape;
        var output = Outputs[0].Shape;
        var rank = shape.Length;
        var sourceStart = new int[rank];
        var targetStart = new int[rank];
        var counts = new int[rank];
        for (var a = 0; a < rank; a++)
        {
            // Negative pads crop the input instead of growing the output.
            sourceStart[a] = Math.Max(0, -padding.Begin[a]);
            targetStart[a] = Math.Max(0, padding.Begin[a]);
            counts[a] = Math.Max(0, shape[a] - sourceStart[a] - Math.Max(0, -padding.End[a]));
        }
        var source = TableCopy.Box(shape, sourceStart, null, counts);
        var target = TableCopy.Box(output, targetStart, null, counts);
        _inside = new TableCopy(Options, counts, source, target);
        _insideGradient = new TableCopy(Options, counts, target, source);
    }

    public override bool HasBackward => In(0).Type == DataType.Float;

    public override void Forward()
    {
        var y = Outputs[0];
        switch (y.Type)
        {
            case DataType.Float:
                y.Span.Fill((float)_value);
                break;
            case DataType.Int64:
                y.Longs.AsSpan(0, y.Length).Fill((long)_value);
                break;
            default:
                y.Bools.AsSpan(0, y.Length).Fill(_value != 0);
                break;
        }
        _inside.Copy(In(0), y);
    }

    public override void Backward()
    {
        if (InputGrads[0] is { } dx && OutputGrads[0] is { } dy)
        {
            _insideGradient.Add(dy.Floats, dx.Floats, injective: true);
        }
    }
}
