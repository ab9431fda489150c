namespace Shears.Engine.Ops;

/// <summary>ArgMax/ArgMin along one axis into int64 indices; ties go to the first index unless select_last_index is set.</summary>
internal sealed class ArgReduceExecutor : OpExecutor
{
    private readonly bool _max;
    private readonly bool _last;
    private readonly int _outer;
    private readonly int _size;
    private readonly int _inner;

    public ArgReduceExecutor(OpExecutorContext context, bool max)
        : base(context)
    {
        InputChecks.RequireFloat(context);
        _max = max;
        _last = context.Node.GetInt("select_last_index", 0) != 0;
        var shape = In(0).Shape;
        (_outer, _size, _inner) = ShapeMath.AroundAxis(shape, ShapeMath.Axis(context, context.Node.GetInt("axis", 0), shape.Length));
        Outputs[0] = context.NewOutput(0);
    }

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Longs;
        var (size, inner) = (_size, _inner);
        ParallelRange.For(Options, _outer * inner, Math.Max(1, (1 << 14) / Math.Max(1, size)), (start, end) =>
        {
            for (var column = start; column < end; column++)
            {
                var o = column / inner;
                var offset = (o * size * inner) + (column - (o * inner));
                var best = x[offset];
                var bestIndex = 0;
                for (var k = 1; k < size; k++)
                {
                    var v = x[offset + (k * inner)];
                    var better = _max ? v > best : v < best;
                    if (better || (_last && v == best))
                    {
                        best = v;
                        bestIndex = k;
                    }
                }
                y[column] = bestIndex;
            }
        });
    }
}
