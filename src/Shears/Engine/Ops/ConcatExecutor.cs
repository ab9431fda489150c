using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>Concat: each input is copied into its slab of the output along the axis; each input's gradient is its slab of the output gradient.</summary>
internal sealed class ConcatExecutor : OpExecutor
{
    private readonly TableCopy?[] _into;
    private readonly TableCopy?[] _back;

    public ConcatExecutor(OpExecutorContext context)
        : base(context)
    {
        Outputs[0] = context.NewOutput(0);
        var output = Outputs[0].Shape;
        var axisAttribute = context.Node.FindAttribute("axis") ?? throw context.Fail("attribute 'axis' is required");
        var axis = ShapeMath.Axis(context, axisAttribute.Int, output.Length);
        _into = new TableCopy?[Inputs.Length];
        _back = new TableCopy?[Inputs.Length];
        var offset = 0;
        for (var i = 0; i < Inputs.Length; i++)
        {
            if (Inputs[i] is not { } input)
            {
                continue;
            }
            var starts = new int[output.Length];
            starts[axis] = offset;
            var slab = TableCopy.Box(output, starts, null, input.Shape);
            _into[i] = new TableCopy(Options, input.Shape, TableCopy.Dense(input.Shape), slab);
            _back[i] = new TableCopy(Options, input.Shape, slab, TableCopy.Dense(input.Shape));
            offset += input.Shape[axis];
        }
    }

    public override bool HasBackward => Outputs[0].Type == DataType.Float;

    public override void Forward()
    {
        for (var i = 0; i < Inputs.Length; i++)
        {
            if (Inputs[i] is { } input)
            {
                _into[i]!.Copy(input, Outputs[0]);
            }
        }
    }

    public override void Backward()
    {
        if (OutputGrads[0] is not { } dy)
        {
            return;
        }
        for (var i = 0; i < Inputs.Length; i++)
        {
            if (InputGrads[i] is { } dx)
            {
                _back[i]!.Add(dy.Floats, dx.Floats, injective: true);
            }
        }
    }
}
