namespace Shears.Engine.Ops;

/// <summary>
/// MaxPool over 1–3 spatial axes with strides, pads (or auto_pad), dilations and ceil_mode,
/// parallel over batch × channel planes. The winning tap of every window is remembered for the
/// gradient and for the optional Indices output (its index in the whole input, as ONNX numbers
/// them; storage_order 1 numbers the spatial position column-major).
/// </summary>
internal sealed class MaxPoolExecutor : OpExecutor
{
    private readonly PoolWindow _window;
    private readonly int[] _winners;
    private readonly bool _columnMajor;
    private readonly bool _pairedWindow;

    public MaxPoolExecutor(OpExecutorContext context)
        : base(context)
    {
        InputChecks.RequireFloat(context);
        Outputs[0] = context.NewOutput(0);
        for (var i = 1; i < Outputs.Length; i++)
        {
            Outputs[i] = OutputSlots.NewOrEmpty(context, i);
        }
        _window = PoolWindow.Create(context, In(0).Shape, Outputs[0].Shape);
        _winners = new int[Outputs[0].Length];
        _columnMajor = context.Node.GetInt("storage_order", 0) != 0;
        _pairedWindow = MaxPool2x2.Fits(_window);
    }

    public override bool HasBackward => true;

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var paired = _pairedWindow && MaxPool2x2.Enabled(Options);
        ParallelRange.For(Options, _window.Planes, Math.Max(1, (1 << 12) / Math.Max(1, _window.OutputPlane)), (start, end) =>
        {
            if (paired)
            {
                ForwardPaired(_window, x, y, _winners, start, end);
                return;
            }
            var visitor = new MaxVisitor(x, y, _winners);
            _window.Visit(ref visitor, start, end);
        });
        if (Outputs.Length > 1 && Outputs[1].Length > 0)
        {
            WriteIndices(Outputs[1].Longs);
        }
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dxTensor || OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var dx = dxTensor.Floats;
        var dy = dyTensor.Floats;
        var outputPlane = _window.OutputPlane;
        var inputPlane = In(0).Length / Math.Max(1, _window.Planes);
        var store = SoleGradientWriter[0];
        // Windows of one plane only reach that plane, so planes run in parallel.
        ParallelRange.For(Options, _window.Planes, Math.Max(1, (1 << 12) / Math.Max(1, outputPlane)), (start, end) =>
        {
            if (store)
            {
                // Cleared here, just before the scatter reads it, rather than in a pass of its own.
                dx.AsSpan(start * inputPlane, (end - start) * inputPlane).Clear();
            }
            ScatterToWinners(_winners, dy, dx, start * outputPlane, end * outputPlane);
        });
    }

    public override bool WritesWholeInputGradient(int input) => input == 0;

    /// <summary>dx[winner[o]] += dy[o] for outputs [first, end); raw pointers, since this runs over every pooled value of a batch.</summary>
    private static unsafe void ScatterToWinners(int[] winners, float[] outputGradient, float[] inputGradient, int first, int end)
    {
        fixed (int* winner = winners)
        fixed (float* dy = outputGradient, dx = inputGradient)
        {
            for (var o = first; o < end; o++)
            {
                var at = winner[o];
                if (at >= 0)
                {
                    dx[at] += dy[o];
                }
            }
        }
    }

    private static unsafe void ForwardPaired(PoolWindow window, float[] input, float[] output, int[] winners, int firstPlane, int endPlane)
    {
        fixed (float* x = input, y = output)
        fixed (int* winner = winners)
        {
            MaxPool2x2.Forward(window, x, y, winner, firstPlane, endPlane);
        }
    }

    private void WriteIndices(long[] indices)
    {
        var (depth, height, width) = (_window.Input[0], _window.Input[1], _window.Input[2]);
        var plane = _window.InputPlane;
        for (var o = 0; o < _winners.Length; o++)
        {
            long winner = Math.Max(0, _winners[o]);
            if (_columnMajor)
            {
                var local = winner % plane;
                var w = local % width;
                var h = local / width % height;
                var d = local / (width * height);
                winner = winner - local + (((w * height) + h) * depth) + d;
            }
            indices[o] = winner;
        }
    }

    private struct MaxVisitor(float[] x, float[] y, int[] winners) : IWindowVisitor
    {
        private float _best;
        private int _winner;

        public void Begin(int output, int taps, int paddedTaps)
        {
            _best = float.NegativeInfinity;
            _winner = -1;
        }

        public void Tap(int input)
        {
            // Selects instead of branches: which tap wins is data-dependent and mispredicts often.
            var v = x[input];
            var better = v > _best || _winner < 0;
            _best = better ? v : _best;
            _winner = better ? input : _winner;
        }

        public readonly void End(int output)
        {
            y[output] = _best;
            winners[output] = _winner;
        }
    }
}
