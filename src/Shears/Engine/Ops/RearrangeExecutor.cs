using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// An output whose every element is one input element picked through a fixed per-axis map:
/// Transpose, Slice, Tile, Expand, DepthToSpace, SpaceToDepth, edge/reflect/wrap Pad, nearest
/// Resize. The gradient scatters back through the same map, adding where several outputs share an input.
/// </summary>
internal sealed class RearrangeExecutor : OpExecutor
{
    private readonly TableCopy _gather;
    private readonly TableCopy _scatter;
    private readonly bool _injective;

    /// <param name="context">The node being compiled.</param>
    /// <param name="inputTables">Per output axis, the input element offset each coordinate contributes.</param>
    /// <param name="injective">True when no two outputs read the same input element (the gradient scatter may then run in parallel).</param>
    public RearrangeExecutor(OpExecutorContext context, int[][] inputTables, bool injective)
        : base(context)
    {
        Outputs[0] = context.NewOutput(0);
        var shape = Outputs[0].Shape;
        _gather = new TableCopy(Options, shape, inputTables, TableCopy.Dense(shape));
        _scatter = new TableCopy(Options, shape, TableCopy.Dense(shape), inputTables);
        _injective = injective;
    }

    public override bool HasBackward => In(0).Type == DataType.Float;

    public override void Forward() => _gather.Copy(In(0), Outputs[0]);

    public override void Backward()
    {
        if (InputGrads[0] is { } dx && OutputGrads[0] is { } dy)
        {
            _scatter.Add(dy.Floats, dx.Floats, _injective);
        }
    }
}
