using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// Broadcasting elementwise ops over any engine type, one element at a time: comparisons, logic,
/// Where, and integer arithmetic left over after folding. Not on hot paths; no gradient except Where.
/// </summary>
internal sealed class GenericElementwiseExecutor : OpExecutor
{
    private readonly Func<double[], double> _function;
    private readonly BroadcastLayout _layout;
    private readonly bool _isWhere;

    public GenericElementwiseExecutor(OpExecutorContext context, Func<double[], double> function)
        : base(context)
    {
        _function = function;
        _isWhere = context.Node.OpType == "Where";
        Outputs[0] = context.NewOutput(0);
        _layout = BroadcastLayout.Create(Outputs[0].Shape, [.. Inputs.Select(i => i!.Shape)]);
    }

    public override bool HasBackward => _isWhere;

    public override void Forward()
    {
        var arguments = new double[Inputs.Length];
        var output = Outputs[0];
        var run = _layout.RunLength;
        for (var r = 0; r < _layout.RunCount; r++)
        {
            for (var k = 0; k < run; k++)
            {
                for (var i = 0; i < Inputs.Length; i++)
                {
                    arguments[i] = Read(In(i), _layout.Offset(i, r) + (k * _layout.RunStride(i)));
                }
                Write(output, (r * run) + k, _function(arguments));
            }
        }
    }

    public override void Backward()
    {
        // Where(c, x, y): the gradient flows to x where c holds, to y elsewhere.
        if (OutputGrads[0] is not { } dy)
        {
            return;
        }
        var run = _layout.RunLength;
        for (var r = 0; r < _layout.RunCount; r++)
        {
            for (var k = 0; k < run; k++)
            {
                var condition = In(0).Bools[_layout.Offset(0, r) + (k * _layout.RunStride(0))];
                var target = condition ? 1 : 2;
                if (InputGrads[target] is { } g)
                {
                    g.Floats[_layout.Offset(target, r) + (k * _layout.RunStride(target))] += dy.Floats[(r * run) + k];
                }
            }
        }
    }

    private static double Read(EngineTensor t, int index) => t.Type switch
    {
        DataType.Float => t.Floats[index],
        DataType.Int64 => t.Longs[index],
        _ => t.Bools[index] ? 1 : 0,
    };

    private static void Write(EngineTensor t, int index, double value)
    {
        switch (t.Type)
        {
            case DataType.Float:
                t.Floats[index] = (float)value;
                break;
            case DataType.Int64:
                t.Longs[index] = (long)value;
                break;
            default:
                t.Bools[index] = value != 0;
                break;
        }
    }
}
