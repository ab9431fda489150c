using System.Numerics.Tensors;
using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>Trilu: keeps the upper (j − i ≥ k) or lower (j − i ≤ k) triangle of the last two axes and zeroes the rest; the gradient keeps the same triangle.</summary>
internal sealed class TriluExecutor : OpExecutor, IStorageAction
{
    private readonly int _rows;
    private readonly int _columns;
    private readonly long _diagonal;
    private readonly bool _upper;

    public TriluExecutor(OpExecutorContext context)
        : base(context)
    {
        var shape = In(0).Shape;
        if (shape.Length < 2)
        {
            throw context.Fail("needs at least two axes");
        }
        (_rows, _columns) = (shape[^2], shape[^1]);
        _diagonal = ConstantInputs.Ints(context, 1) is [var k] ? k : 0;
        _upper = context.Node.GetInt("upper", 1) != 0;
        Outputs[0] = context.NewOutput(0);
    }

    public override bool HasBackward => In(0).Type == DataType.Float;

    public override void Forward()
    {
        StorageDispatch.Run(this, In(0), Outputs[0]);
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dx || OutputGrads[0] is not { } dy)
        {
            return;
        }
        for (var row = 0; row < dx.Length / Math.Max(1, _columns); row++)
        {
            var (from, to) = KeptColumns(row % _rows);
            var target = dx.Floats.AsSpan((row * _columns) + from, to - from);
            TensorPrimitives.Add(target, dy.Floats.AsSpan((row * _columns) + from, to - from), target);
        }
    }

    /// <summary>Copies the kept triangle of every matrix and zeroes the rest.</summary>
    public void Run<T>(T[] source, T[] target)
    {
        var rows = Outputs[0].Length / Math.Max(1, _columns);
        for (var row = 0; row < rows; row++)
        {
            var line = target.AsSpan(row * _columns, _columns);
            line.Clear();
            var (from, to) = KeptColumns(row % _rows);
            source.AsSpan((row * _columns) + from, to - from).CopyTo(line[from..]);
        }
    }

    /// <summary>The half-open range of columns row i keeps.</summary>
    private (int From, int To) KeptColumns(int i)
    {
        var edge = i + _diagonal;
        return _upper
            ? ((int)Math.Clamp(edge, 0, _columns), _columns)
            : (0, (int)Math.Clamp(edge + 1, 0, _columns));
    }
}
