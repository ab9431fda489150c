namespace Shears.Engine.Ops;

/// <summary>Forward rule of an elementwise op: y = f(x) over a chunk.</summary>
internal delegate void UnaryForward(ReadOnlySpan<float> x, Span<float> y);

/// <summary>Backward rule of an elementwise op: dx += dy · f'(x), given x, y and dy over a chunk.</summary>
internal delegate void UnaryBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);

/// <summary>An elementwise float op run in parallel chunks.</summary>
internal sealed class UnaryExecutor : OpExecutor
{
    private const int Grain = 1 << 15;
    private readonly UnaryForward _forward;
    private readonly UnaryBackward? _backward;

    public UnaryExecutor(OpExecutorContext context, UnaryForward forward, UnaryBackward? backward)
        : base(context)
    {
        if (In(0).Type != IR.DataType.Float)
        {
            throw context.Fail("expects a float input");
        }
        _forward = forward;
        _backward = backward;
        Outputs[0] = context.NewOutput(0);
    }

    public override bool HasBackward => _backward is not null;

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        ParallelRange.For(Options, Outputs[0].Length, Grain, (start, end) => _forward(x.AsSpan(start, end - start), y.AsSpan(start, end - start)));
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dxTensor || OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var dy = dyTensor.Floats;
        var dx = dxTensor.Floats;
        var store = SoleGradientWriter[0];
        ParallelRange.For(Options, Outputs[0].Length, Grain, (start, end) =>
        {
            if (store)
            {
                // Cleared here, while the chunk is about to be used, rather than in a pass of its own.
                dx.AsSpan(start, end - start).Clear();
            }
            _backward!(x.AsSpan(start, end - start), y.AsSpan(start, end - start), dy.AsSpan(start, end - start), dx.AsSpan(start, end - start));
        });
    }

    public override bool WritesWholeInputGradient(int input) => input == 0;
}
