using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>A broadcasting binary float op (Add, Mul, ...), parallel over output runs.</summary>
internal sealed class BinaryExecutor : OpExecutor
{
    private readonly IBinaryOp _op;
    private readonly BroadcastLayout _layout;
    private float[] _expandedA = [];
    private float[] _expandedB = [];
    private float[] _scratchA = [];
    private float[] _scratchB = [];

    public BinaryExecutor(OpExecutorContext context, IBinaryOp op)
        : base(context)
    {
        if (In(0).Type != DataType.Float || In(1).Type != DataType.Float)
        {
            throw context.Fail("expects float inputs");
        }
        _op = op;
        Outputs[0] = context.NewOutput(0);
        _layout = BroadcastLayout.Create(Outputs[0].Shape, In(0).Shape, In(1).Shape);
    }

    public override bool HasBackward => true;

    public override void Forward()
    {
        var a = In(0).Floats;
        var b = In(1).Floats;
        var y = Outputs[0].Floats;
        var layout = _layout;
        var run = layout.RunLength;
        var sa = layout.RunStride(0);
        var sb = layout.RunStride(1);
        ParallelRange.For(Options, layout.RunCount, Math.Max(1, (1 << 14) / Math.Max(run, 1)), (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var oa = layout.Offset(0, r);
                var ob = layout.Offset(1, r);
                var dst = y.AsSpan(r * run, run);
                if (sa == 1 && sb == 1)
                {
                    _op.Spans(a.AsSpan(oa, run), b.AsSpan(ob, run), dst);
                }
                else if (sa == 1)
                {
                    _op.SpanScalar(a.AsSpan(oa, run), b[ob], dst);
                }
                else if (sb == 1)
                {
                    _op.ScalarSpan(a[oa], b.AsSpan(ob, run), dst);
                }
                else
                {
                    _op.SpanScalar(a.AsSpan(oa, 1), b[ob], dst[..1]);
                    dst.Fill(dst[0]);
                }
            }
        });
    }

    public override void Backward()
    {
        if (OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var needA = InputGrads[0] is not null;
        var needB = InputGrads[1] is not null;
        if (!needA && !needB)
        {
            return;
        }
        var n = Outputs[0].Length;
        if (_op.LinearScales is { } scales)
        {
            if (needA)
            {
                Reduction.SumInto(dyTensor.Floats, Outputs[0].Shape, InputGrads[0]!, scales.A);
            }
            if (needB)
            {
                Reduction.SumInto(dyTensor.Floats, Outputs[0].Shape, InputGrads[1]!, scales.B);
            }
            return;
        }
        // Gradients are computed at full output size, then summed back over broadcast axes.
        var a = Expanded(0, ref _expandedA);
        var b = Expanded(1, ref _expandedB);
        var da = needA ? Scratch(ref _scratchA, n) : [];
        var db = needB ? Scratch(ref _scratchB, n) : [];
        var y = Outputs[0].Floats;
        var dy = dyTensor.Floats;
        ParallelRange.For(Options, n, 1 << 15, (start, end) =>
        {
            var len = end - start;
            _op.Gradient(a.AsSpan(start, len), b.AsSpan(start, len), y.AsSpan(start, len), dy.AsSpan(start, len),
                needA ? da.AsSpan(start, len) : [], needB ? db.AsSpan(start, len) : []);
        });
        if (needA)
        {
            Reduction.SumInto(da, Outputs[0].Shape, InputGrads[0]!);
        }
        if (needB)
        {
            Reduction.SumInto(db, Outputs[0].Shape, InputGrads[1]!);
        }
    }

    private float[] Expanded(int input, ref float[] cache)
    {
        var source = In(input);
        if (_layout.IsFull(input))
        {
            return source.Floats;
        }
        if (cache.Length < Outputs[0].Length)
        {
            cache = new float[Outputs[0].Length];
        }
        Reduction.Broadcast(source, Outputs[0].Shape, cache);
        return cache;
    }

    private static float[] Scratch(ref float[] buffer, int n)
    {
        if (buffer.Length < n)
        {
            buffer = new float[n];
        }
        Array.Clear(buffer, 0, n);
        return buffer;
    }
}
