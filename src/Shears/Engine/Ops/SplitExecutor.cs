using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// Split in every opset form (split attribute, split input, num_outputs): the part sizes are the
/// inferred output shapes, so each output copies its slab of the input and its gradient adds back there.
/// </summary>
internal sealed class SplitExecutor : OpExecutor
{
    private readonly TableCopy[] _out;
    private readonly TableCopy[] _back;

    public SplitExecutor(OpExecutorContext context)
        : base(context)
    {
        var shape = In(0).Shape;
        var axis = ShapeMath.Axis(context, context.Node.GetInt("axis", 0), shape.Length);
        _out = new TableCopy[Outputs.Length];
        _back = new TableCopy[Outputs.Length];
        var offset = 0;
        for (var i = 0; i < Outputs.Length; i++)
        {
            if (!OutputSlots.IsWanted(context, i))
            {
                throw context.Fail($"output {i} is omitted; the engine needs every part named");
            }
            var part = context.OutputShape(i);
            var starts = new int[shape.Length];
            starts[axis] = offset;
            offset += part[axis];
            Outputs[i] = context.NewOutput(i);
            var slab = TableCopy.Box(shape, starts, null, part);
            _out[i] = new TableCopy(Options, part, slab, TableCopy.Dense(part));
            _back[i] = new TableCopy(Options, part, TableCopy.Dense(part), slab);
        }
        if (offset != shape[axis])
        {
            throw context.Fail($"parts add up to {offset} but axis {axis} has {shape[axis]}");
        }
    }

    public override bool HasBackward => In(0).Type == DataType.Float;

    public override void Forward()
    {
        for (var i = 0; i < Outputs.Length; i++)
        {
            _out[i].Copy(In(0), Outputs[i]);
        }
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dx)
        {
            return;
        }
        for (var i = 0; i < Outputs.Length; i++)
        {
            if (OutputGrads[i] is { } dy)
            {
                _back[i].Add(dy.Floats, dx.Floats, injective: true);
            }
        }
    }
}
