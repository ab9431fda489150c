using Shears.IR;

namespace Shears.Pruning.Structured;

/// <summary>Removes indices along one axis of a tensor, for any fixed-size element type.</summary>
public static class TensorSlicing
{
    /// <summary>A copy of the tensor without the given indices along <paramref name="axis"/>; the tensor itself when none are removed.</summary>
    /// <param name="tensor">The tensor to slice; not changed.</param>
    /// <param name="axis">The axis, from 0 to rank − 1.</param>
    /// <param name="removed">Indices along that axis to drop.</param>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the tensor.</exception>
    /// <exception cref="ShearsException">The element type has no fixed byte size (strings, 4-bit types).</exception>
    public static Tensor Remove(Tensor tensor, int axis, IReadOnlyCollection<int> removed)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(removed);
        if (removed.Count == 0)
        {
            return tensor;
        }
        var dims = tensor.Dims.ToArray();
        if (axis < 0 || axis >= dims.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"axis {axis} is outside tensor '{tensor.Name}' of rank {dims.Length}");
        }
        var size = DataTypes.SizeOf(tensor.ElementType);
        if (size == 0)
        {
            throw new ShearsException($"cannot slice tensor '{tensor.Name}' of type {DataTypes.Name(tensor.ElementType)}");
        }
        var drop = new bool[dims[axis]];
        foreach (var r in removed)
        {
            drop[r] = true;
        }
        var kept = dims[axis] - drop.Count(d => d);
        long outer = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= dims[i];
        }
        long inner = size;
        for (var i = axis + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }
        var source = tensor.Bytes.Span;
        var result = new byte[outer * kept * inner];
        long write = 0;
        for (long o = 0; o < outer; o++)
        {
            for (var k = 0; k < dims[axis]; k++)
            {
                if (drop[k])
                {
                    continue;
                }
                source.Slice((int)(((o * dims[axis]) + k) * inner), (int)inner).CopyTo(result.AsSpan((int)write, (int)inner));
                write += inner;
            }
        }
        dims[axis] = kept;
        return Tensor.FromBytes(tensor.Name, tensor.ElementType, dims, result).WithExtras(tensor.Extras);
    }

    /// <summary>Sets the listed indices along an axis to zero, keeping the shape (mask mode).</summary>
    public static Tensor Zero(Tensor tensor, int axis, IReadOnlyCollection<int> zeroed)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(zeroed);
        if (zeroed.Count == 0)
        {
            return tensor;
        }
        var dims = tensor.Dims.ToArray();
        var size = DataTypes.SizeOf(tensor.ElementType);
        long outer = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= dims[i];
        }
        long inner = size;
        for (var i = axis + 1; i < dims.Length; i++)
        {
            inner *= dims[i];
        }
        var bytes = tensor.Bytes.ToArray();
        for (long o = 0; o < outer; o++)
        {
            foreach (var k in zeroed)
            {
                bytes.AsSpan((int)(((o * dims[axis]) + k) * inner), (int)inner).Clear();
            }
        }
        return Tensor.FromBytes(tensor.Name, tensor.ElementType, dims, bytes).WithExtras(tensor.Extras);
    }
}
