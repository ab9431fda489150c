using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>The reductions the engine runs; the ones with a gradient are Sum, Mean, SumSquare and L2.</summary>
internal enum ReduceKind
{
    Sum,
    Mean,
    Max,
    Min,
    Prod,
    L1,
    L2,
    SumSquare,
    LogSum,
    LogSumExp,
}

/// <summary>
/// ReduceSum/Mean/Max/Min/Prod/L1/L2/SumSquare/LogSum/LogSumExp over any set of axes (attribute or
/// input by opset), keepdims and noop_with_empty_axes. The input is walked once with each element's
/// output position given by tables (reduced axes contribute 0), so any axis pattern reduces in one pass.
/// </summary>
internal sealed class ReduceExecutor : OpExecutor
{
    private readonly ReduceKind _kind;
    private readonly TableCopy _reduce;
    private readonly TableCopy _spread;
    private readonly float _meanScale;
    private readonly bool _identity;
    private readonly float[] _work;
    private readonly float[] _outputWork;

    public ReduceExecutor(OpExecutorContext context, ReduceKind kind)
        : base(context)
    {
        InputChecks.RequireFloat(context);
        _kind = kind;
        Outputs[0] = context.NewOutput(0);
        var shape = In(0).Shape;
        var axes = ConstantInputs.Axes(context, 1, kind == ReduceKind.Sum ? 13 : 18);
        var reduced = new bool[shape.Length];
        if (axes is null || axes.Length == 0)
        {
            _identity = context.Node.GetInt("noop_with_empty_axes", 0) != 0;
            Array.Fill(reduced, !_identity);
        }
        else
        {
            foreach (var axis in axes)
            {
                reduced[ShapeMath.Axis(context, axis, shape.Length)] = true;
            }
        }
        // Output offsets over the input's iteration space: kept axes walk the dense output, reduced ones stay.
        var outputTables = new int[shape.Length][];
        var stride = 1;
        var count = 1;
        for (var a = shape.Length - 1; a >= 0; a--)
        {
            outputTables[a] = TableCopy.Arithmetic(shape[a], 0, reduced[a] ? 0 : stride);
            if (reduced[a])
            {
                count *= shape[a];
            }
            else
            {
                stride *= shape[a];
            }
        }
        _meanScale = count == 0 ? float.NaN : 1f / count;
        _reduce = new TableCopy(Options, shape, TableCopy.Dense(shape), outputTables);
        _spread = new TableCopy(Options, shape, outputTables, TableCopy.Dense(shape));
        var needsWork = kind is ReduceKind.L1 or ReduceKind.L2 or ReduceKind.SumSquare or ReduceKind.LogSumExp;
        _work = needsWork ? new float[In(0).Length] : [];
        _outputWork = new float[Outputs[0].Length];
    }

    public override bool HasBackward => _kind is ReduceKind.Sum or ReduceKind.Mean or ReduceKind.SumSquare or ReduceKind.L2;

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Span;
        if (_identity)
        {
            In(0).Span.CopyTo(y);
            return;
        }
        switch (_kind)
        {
            case ReduceKind.Sum:
                Reduce<SumCombiner>(x);
                break;
            case ReduceKind.Mean:
                Reduce<SumCombiner>(x);
                TensorPrimitives.Multiply(y, _meanScale, y);
                break;
            case ReduceKind.Max:
                Reduce<MaxCombiner>(x);
                break;
            case ReduceKind.Min:
                Reduce<MinCombiner>(x);
                break;
            case ReduceKind.Prod:
                Reduce<ProductCombiner>(x);
                break;
            case ReduceKind.L1:
                TensorPrimitives.Abs(In(0).Span, _work);
                Reduce<SumCombiner>(_work);
                break;
            case ReduceKind.L2:
                TensorPrimitives.Multiply(In(0).Span, In(0).Span, _work);
                Reduce<SumCombiner>(_work);
                TensorPrimitives.Sqrt(y, y);
                break;
            case ReduceKind.SumSquare:
                TensorPrimitives.Multiply(In(0).Span, In(0).Span, _work);
                Reduce<SumCombiner>(_work);
                break;
            case ReduceKind.LogSum:
                Reduce<SumCombiner>(x);
                TensorPrimitives.Log(y, y);
                break;
            default:
                LogSumExp(x);
                break;
        }
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dxTensor || OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var dx = dxTensor.Floats;
        var dy = dyTensor.Span;
        var scaled = _outputWork.AsSpan();
        if (_identity)
        {
            TensorPrimitives.Add(dxTensor.Span, dy, dxTensor.Span);
            return;
        }
        switch (_kind)
        {
            case ReduceKind.Sum:
                _spread.Add(dyTensor.Floats, dx, injective: true);
                break;
            case ReduceKind.Mean:
                TensorPrimitives.Multiply(dy, _meanScale, scaled);
                _spread.Add(_outputWork, dx, injective: true);
                break;
            case ReduceKind.SumSquare:
                // d/dx Σx² = 2x.
                TensorPrimitives.Multiply(dy, 2f, scaled);
                SpreadTimesInput(dxTensor);
                break;
            default:
                // d/dx √Σx² = x / ‖x‖.
                TensorPrimitives.Divide(dy, Outputs[0].Span, scaled);
                SpreadTimesInput(dxTensor);
                break;
        }
    }

    private void Reduce<TCombiner>(float[] source)
        where TCombiner : IRunCombiner
    {
        Outputs[0].Span.Fill(TCombiner.Identity);
        _reduce.Accumulate<TCombiner>(source, Outputs[0].Floats, injective: false);
    }

    /// <summary>dx += x · (the output-sized factor in _outputWork, repeated over the reduced axes).</summary>
    private void SpreadTimesInput(EngineTensor dx)
    {
        var work = _work.AsSpan(0, dx.Length);
        _spread.Copy(_outputWork, _work);
        TensorPrimitives.FusedMultiplyAdd(work, In(0).Span, dx.Span, dx.Span);
    }

    private void LogSumExp(float[] x)
    {
        // log Σ exp(x) = m + log Σ exp(x − m) with m the maximum, so large inputs do not overflow.
        var y = Outputs[0].Span;
        Reduce<MaxCombiner>(x);
        y.CopyTo(_outputWork);
        _spread.Copy(_outputWork, _work);
        var work = _work.AsSpan(0, In(0).Length);
        TensorPrimitives.Subtract(In(0).Span, work, work);
        TensorPrimitives.Exp(work, work);
        Reduce<SumCombiner>(_work);
        TensorPrimitives.Log(y, y);
        TensorPrimitives.Add(y, _outputWork, y);
    }
}
