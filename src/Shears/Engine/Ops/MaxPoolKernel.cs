namespace Shears.Engine.Ops;

/// <summary>
/// MaxPool over 1–3 spatial axes with strides, pads (or auto_pad), dilations and ceil_mode,
/// parallel over batch × channel planes. The winning tap of every window is remembered for the
/// gradient and for the optional Indices output (flattened over N, C and space; storage_order 1
/// numbers the spatial position column-major).
/// </summary>
internal sealed class MaxPoolKernel : OpKernel
{
    private readonly PoolWindow _window;
    private readonly int[] _winners;
    private readonly bool _columnMajor;

    public MaxPoolKernel(KernelContext context)
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
    }

    public override bool HasBackward => true;

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        ParallelRange.For(_window.Planes, Math.Max(1, (1 << 12) / Math.Max(1, _window.OutputPlane)), (start, end) =>
        {
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
        var (inputPlane, outputPlane) = (_window.InputPlane, _window.OutputPlane);
        ParallelRange.For(_window.Planes, Math.Max(1, (1 << 12) / Math.Max(1, outputPlane)), (start, end) =>
        {
            for (var p = start; p < end; p++)
            {
                for (var o = p * outputPlane; o < (p + 1) * outputPlane; o++)
                {
                    if (_winners[o] >= 0)
                    {
                        dx[(p * inputPlane) + _winners[o]] += dy[o];
                    }
                }
            }
        });
    }

    private void WriteIndices(long[] indices)
    {
        var (depth, height, width) = (_window.Input[0], _window.Input[1], _window.Input[2]);
        for (var o = 0; o < _winners.Length; o++)
        {
            long local = Math.Max(0, _winners[o]);
            if (_columnMajor)
            {
                var w = local % width;
                var h = local / width % height;
                var d = local / (width * height);
                local = (((w * height) + h) * depth) + d;
            }
            indices[o] = ((long)(o / _window.OutputPlane) * _window.InputPlane) + local;
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

        public void Tap(int input, int local)
        {
            var v = x[input];
            if (v > _best || _winner < 0)
            {
                _best = v;
                _winner = local;
            }
        }

        public readonly void End(int output)
        {
            y[output] = _best;
            winners[output] = _winner;
        }
    }
}
