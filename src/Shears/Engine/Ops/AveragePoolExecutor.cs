namespace Shears.Engine.Ops;

/// <summary>
/// AveragePool over 1–3 spatial axes. The divisor is the number of taps inside the input, or with
/// count_include_pad the number inside the padded input (windows that ceil_mode lets run past the
/// padding still only count up to its end, as ONNX Runtime and PyTorch do).
/// </summary>
internal sealed class AveragePoolExecutor : OpExecutor
{
    private readonly PoolWindow _window;
    private readonly bool _includePad;

    public AveragePoolExecutor(OpExecutorContext context)
        : base(context)
    {
        InputChecks.RequireFloat(context);
        Outputs[0] = context.NewOutput(0);
        _window = PoolWindow.Create(context, In(0).Shape, Outputs[0].Shape);
        _includePad = context.Node.GetInt("count_include_pad", 0) != 0;
    }

    public override bool HasBackward => true;

    private int Grain => Math.Max(1, (1 << 12) / Math.Max(1, _window.OutputPlane));

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        ParallelRange.For(Options, _window.Planes, Grain, (start, end) =>
        {
            var visitor = new MeanVisitor(x, y, _includePad);
            _window.Visit(ref visitor, start, end);
        });
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dx || OutputGrads[0] is not { } dy)
        {
            return;
        }
        ParallelRange.For(Options, _window.Planes, Grain, (start, end) =>
        {
            var visitor = new SpreadVisitor(dy.Floats, dx.Floats, _includePad);
            _window.Visit(ref visitor, start, end);
        });
    }

    private static float Divisor(bool includePad, int taps, int paddedTaps) => includePad ? paddedTaps : taps;

    private struct MeanVisitor(float[] x, float[] y, bool includePad) : IWindowVisitor
    {
        private float _sum;
        private float _divisor;

        public void Begin(int output, int taps, int paddedTaps)
        {
            _sum = 0f;
            _divisor = Divisor(includePad, taps, paddedTaps);
        }

        public void Tap(int input) => _sum += x[input];

        public readonly void End(int output) => y[output] = _sum / _divisor;
    }

    /// <summary>Each output's gradient, divided like the forward mean, goes to every tap of its window.</summary>
    private struct SpreadVisitor(float[] dy, float[] dx, bool includePad) : IWindowVisitor
    {
        private float _share;

        public void Begin(int output, int taps, int paddedTaps) => _share = dy[output] / Divisor(includePad, taps, paddedTaps);

        public readonly void Tap(int input) => dx[input] += _share;

        public readonly void End(int output)
        {
        }
    }
}
