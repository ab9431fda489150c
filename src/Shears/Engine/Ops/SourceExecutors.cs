using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// Registration and executors of ops that make values from shapes or scalars: ConstantOfShape, Range,
/// Shape, Size. Plans fold them away whenever their inputs are known at compile time; these executors
/// run only when one survives (a large ConstantOfShape, or a graph output).
/// </summary>
internal static class SourceExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new FillExecutor(c, ConstantOfShape), "ConstantOfShape");
        table.Add(c => new FillExecutor(c, Range), "Range");
        table.Add(c => new FillExecutor(c, ShapeOf), "Shape");
        table.Add(c => new FillExecutor(c, (_, _, y) => y.Longs[0] = c.Inputs[0]!.Length), "Size");
    }

    private static void ConstantOfShape(OpExecutorContext c, EngineTensor?[] inputs, EngineTensor y)
    {
        var value = c.Node.GetTensor("value");
        var n = y.Length;
        switch (y.Type)
        {
            case DataType.Float:
                y.Span.Fill(value is null ? 0f : value.ToFloats()[0]);
                break;
            case DataType.Int64:
                y.Longs.AsSpan(0, n).Fill(value!.ToInt64s()[0]);
                break;
            default:
                y.Bools.AsSpan(0, n).Fill(value!.ToInt64s()[0] != 0);
                break;
        }
    }

    private static void Range(OpExecutorContext c, EngineTensor?[] inputs, EngineTensor y)
    {
        // The length was fixed when the plan was compiled; start and delta are read each run.
        if (y.Type == DataType.Float)
        {
            var start = inputs[0]!.Floats[0];
            var delta = inputs[2]!.Floats[0];
            for (var i = 0; i < y.Length; i++)
            {
                y.Floats[i] = start + (i * delta);
            }
            return;
        }
        var first = inputs[0]!.Longs[0];
        var step = inputs[2]!.Longs[0];
        for (var i = 0; i < y.Length; i++)
        {
            y.Longs[i] = first + (i * step);
        }
    }

    private static void ShapeOf(OpExecutorContext c, EngineTensor?[] inputs, EngineTensor y)
    {
        var shape = inputs[0]!.Shape;
        var rank = shape.Length;
        var start = (int)Math.Clamp(c.Node.GetInt("start", 0) is var s && s < 0 ? s + rank : s, 0, rank);
        for (var i = 0; i < y.Length; i++)
        {
            y.Longs[i] = shape[start + i];
        }
    }

    /// <summary>An op whose output is computed by one function of the node and its inputs; no gradient.</summary>
    private sealed class FillExecutor : OpExecutor
    {
        private readonly OpExecutorContext _context;
        private readonly Action<OpExecutorContext, EngineTensor?[], EngineTensor> _fill;

        public FillExecutor(OpExecutorContext context, Action<OpExecutorContext, EngineTensor?[], EngineTensor> fill)
            : base(context)
        {
            _context = context;
            _fill = fill;
            Outputs[0] = context.NewOutput(0);
        }

        public override void Forward() => _fill(_context, Inputs, Outputs[0]);
    }
}
