using System.Numerics.Tensors;
using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// ScatterND and ScatterElements (forward): the output is the data with the updates written at
/// the indexed places, replacing them or (opset 16 on, float data) combining by add, mul, max or
/// min. Indices are read at run time; negative ones count from the end.
/// </summary>
internal sealed class ScatterExecutor : OpExecutor, IStorageAction
{
    private readonly bool _elements;
    private readonly string _reduction;
    private readonly int _axis;
    private readonly int _depth;
    private readonly int _slice;
    private readonly int[] _dataStrides;
    private readonly int[] _targets;

    public ScatterExecutor(OpExecutorContext context)
        : base(context)
    {
        _elements = context.Node.OpType is "ScatterElements" or "Scatter";
        _reduction = context.Node.GetString("reduction", "none");
        if (_reduction != "none" && (In(0).Type != DataType.Float || _reduction is not ("add" or "mul" or "max" or "min")))
        {
            throw context.Fail($"reduction '{_reduction}' needs float data and one of add, mul, max, min");
        }
        if (In(1).Type != DataType.Int64)
        {
            throw context.Fail("indices must be integers");
        }
        var data = In(0).Shape;
        _dataStrides = ShapeMath.Strides(data);
        if (_elements)
        {
            _axis = ShapeMath.Axis(context, context.Node.GetInt("axis", 0), data.Length);
            _slice = 1;
            _targets = new int[In(1).Length];
        }
        else
        {
            _depth = In(1).Shape[^1];
            if (_depth > data.Length)
            {
                throw context.Fail($"index tuples of {_depth} exceed the data rank {data.Length}");
            }
            _slice = ShapeMath.Product(data.AsSpan(_depth));
            _targets = new int[In(1).Length / Math.Max(1, _depth)];
        }
        Outputs[0] = context.NewOutput(0);
    }

    public override void Forward()
    {
        ResolveTargets();
        StorageDispatch.Run(this, In(0), Outputs[0]);
        if (_reduction == "none")
        {
            StorageDispatch.Run(new Overwrite(_targets, _slice), In(2), Outputs[0]);
            return;
        }
        var updates = In(2).Floats;
        var y = Outputs[0].Floats;
        for (var i = 0; i < _targets.Length; i++)
        {
            var target = y.AsSpan(_targets[i], _slice);
            var source = updates.AsSpan(i * _slice, _slice);
            switch (_reduction)
            {
                case "add":
                    TensorPrimitives.Add(target, source, target);
                    break;
                case "mul":
                    TensorPrimitives.Multiply(target, source, target);
                    break;
                case "max":
                    TensorPrimitives.Max(target, source, target);
                    break;
                default:
                    TensorPrimitives.Min(target, source, target);
                    break;
            }
        }
    }

    /// <summary>Copies the data into the output before the updates land.</summary>
    public void Run<T>(T[] source, T[] destination) => source.AsSpan(0, Outputs[0].Length).CopyTo(destination);

    /// <summary>The output offset every update slice (ScatterND) or element (ScatterElements) goes to.</summary>
    private void ResolveTargets()
    {
        var indices = In(1).Longs;
        var data = In(0).Shape;
        if (_elements)
        {
            var indexShape = In(1).Shape;
            var indexStrides = ShapeMath.Strides(indexShape);
            for (var i = 0; i < _targets.Length; i++)
            {
                var offset = 0;
                for (var a = 0; a < indexShape.Length; a++)
                {
                    var coordinate = i / indexStrides[a] % indexShape[a];
                    offset += (a == _axis ? Resolve(indices[i], data[a], a) : coordinate) * _dataStrides[a];
                }
                _targets[i] = offset;
            }
            return;
        }
        for (var i = 0; i < _targets.Length; i++)
        {
            var offset = 0;
            for (var a = 0; a < _depth; a++)
            {
                offset += Resolve(indices[(i * _depth) + a], data[a], a) * _dataStrides[a];
            }
            _targets[i] = offset;
        }
    }

    private int Resolve(long index, int size, int axis)
    {
        var resolved = index < 0 ? index + size : index;
        if (resolved < 0 || resolved >= size)
        {
            throw new ShearsException($"node '{Name}' ({OpType}): index {index} is out of range for axis {axis} of size {size}");
        }
        return (int)resolved;
    }

    /// <summary>Writes update slice i over the output at its target.</summary>
    private readonly struct Overwrite(int[] targets, int slice) : IStorageAction
    {
        public void Run<T>(T[] source, T[] destination)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                source.AsSpan(i * slice, slice).CopyTo(destination.AsSpan(targets[i], slice));
            }
        }
    }
}
