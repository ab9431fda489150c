namespace Shears.Engine.Ops;

/// <summary>
/// MatMul with numpy semantics: 1-D operands promoted, batch axes broadcast. A 2-D right operand
/// (a weight) is applied to all batch rows in one product.
/// </summary>
internal sealed class MatMulExecutor : OpExecutor
{
    private readonly int _m;
    private readonly int _n;
    private readonly int _k;
    private readonly int _batches;
    private readonly BroadcastLayout? _batchLayout;
    private readonly bool _sharedRight;

    public MatMulExecutor(OpExecutorContext context)
        : base(context)
    {
        InputChecks.RequireFloats(context);
        var a = In(0).Shape;
        var b = In(1).Shape;
        var left = a.Length == 1 ? [1, a[0]] : a;
        var right = b.Length == 1 ? [b[0], 1] : b;
        _m = left[^2];
        _k = left[^1];
        _n = right[^1];
        Outputs[0] = context.NewOutput(0);
        var leftBatch = left[..^2];
        var rightBatch = right[..^2];
        var outBatch = BatchShape(leftBatch, rightBatch);
        _batches = EngineTensor.ElementCount(outBatch);
        _sharedRight = rightBatch.Length == 0 || EngineTensor.ElementCount(rightBatch) == 1;
        if (!_sharedRight || EngineTensor.ElementCount(leftBatch) != _batches)
        {
            _batchLayout = BroadcastLayout.Create(outBatch.Length == 0 ? [1] : outBatch, leftBatch.Length == 0 ? [1] : leftBatch, rightBatch.Length == 0 ? [1] : rightBatch);
        }
    }

    public override bool HasBackward => true;

    private static int[] BatchShape(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var x = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var y = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            result[i] = Math.Max(x, y);
        }
        return result;
    }

    private (int A, int B) Offsets(int batch) => _batchLayout is null
        ? (batch * _m * _k, 0)
        : (BatchOffset(0, batch) * _m * _k, BatchOffset(1, batch) * _k * _n);

    // Batch layouts were built with batch shapes of run length 1 so Offset covers every axis.
    private int BatchOffset(int input, int batch)
    {
        var layout = _batchLayout!;
        var run = layout.RunLength;
        return layout.Offset(input, batch / run) + ((batch % run) * layout.RunStride(input));
    }

    public override void Forward()
    {
        var a = In(0).Floats;
        var b = In(1).Floats;
        var y = Outputs[0].Floats;
        if (_batchLayout is null)
        {
            // Every batch row shares the right operand: one tall product.
            Blas.Gemm(Options, false, false, _batches * _m, _n, _k, 1f, a, 0, _k, b, 0, _n, 0f, y, 0, _n);
            return;
        }
        for (var i = 0; i < _batches; i++)
        {
            var (oa, ob) = Offsets(i);
            Blas.Gemm(Options, false, false, _m, _n, _k, 1f, a, oa, _k, b, ob, _n, 0f, y, i * _m * _n, _n);
        }
    }

    public override void Backward()
    {
        if (OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var a = In(0).Floats;
        var b = In(1).Floats;
        var dy = dyTensor.Floats;
        var da = InputGrads[0]?.Floats;
        var db = InputGrads[1]?.Floats;
        if (_batchLayout is null)
        {
            if (da is not null)
            {
                Blas.Gemm(Options, false, true, _batches * _m, _k, _n, 1f, dy, 0, _n, b, 0, _n, 1f, da, 0, _k);
            }
            if (db is not null)
            {
                Blas.Gemm(Options, true, false, _k, _n, _batches * _m, 1f, a, 0, _k, dy, 0, _n, 1f, db, 0, _n);
            }
            return;
        }
        // Broadcast batches accumulate into the same gradient slice, so batches run one after another.
        for (var i = 0; i < _batches; i++)
        {
            var (oa, ob) = Offsets(i);
            var oy = i * _m * _n;
            if (da is not null)
            {
                Blas.Gemm(Options, false, true, _m, _k, _n, 1f, dy, oy, _n, b, ob, _n, 1f, da, oa, _k);
            }
            if (db is not null)
            {
                Blas.Gemm(Options, true, false, _k, _n, _m, 1f, a, oa, _k, dy, oy, _n, 1f, db, ob, _n);
            }
        }
    }
}
