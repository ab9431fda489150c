using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Shears.IR;
using Tensor = Shears.IR.Tensor;

namespace Shears.Pruning.Importance;

/// <summary>
/// Per-index sums over initializer slices along an axis — Σ|w|, Σw², Σw·g — computed once per
/// (initializer, axis), in parallel across initializers, with vectorised inner loops.
/// </summary>
public sealed class SliceStatistics
{
    private readonly ConcurrentDictionary<(string, int), (double[] L1, double[] L2, double[]? Dot)> _cache = new();

    private SliceStatistics()
    {
    }

    /// <summary>Computes the sums of every distinct (initializer, axis) the slices name.</summary>
    /// <param name="graph">The graph holding the initializers.</param>
    /// <param name="slices">The slices to be scored.</param>
    /// <param name="gradients">Loss gradients by initializer name, for Σw·g; null (or a missing or mis-sized entry) leaves <see cref="Dot"/> null.</param>
    public static SliceStatistics Compute(Graph graph, IEnumerable<ParameterSlice> slices, IReadOnlyDictionary<string, float[]>? gradients)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(slices);
        var statistics = new SliceStatistics();
        var keys = slices.Select(s => (s.Initializer, s.Axis)).Distinct().ToList();
        Parallel.ForEach(keys, key =>
        {
            var tensor = graph.Initializers[key.Initializer];
            statistics._cache[key] = Sums(tensor, key.Axis, gradients?.GetValueOrDefault(key.Initializer));
        });
        return statistics;
    }

    /// <summary>Σ|w| over index <paramref name="index"/> of the slice's axis.</summary>
    public double L1(ParameterSlice slice, int index) => _cache[(slice.Initializer, slice.Axis)].L1[index];

    /// <summary>The Euclidean norm √Σw² over index <paramref name="index"/> of the slice's axis.</summary>
    public double L2(ParameterSlice slice, int index) => Math.Sqrt(_cache[(slice.Initializer, slice.Axis)].L2[index]);

    /// <summary>Σ w·g over the slice, or null when no gradient was given for it.</summary>
    public double? Dot(ParameterSlice slice, int index) => _cache[(slice.Initializer, slice.Axis)].Dot?[index];

    private static (double[] L1, double[] L2, double[]? Dot) Sums(Tensor tensor, int axis, float[]? gradient)
    {
        var values = tensor.ToFloats();
        var dims = tensor.Dims;
        var size = (int)dims[axis];
        long outer = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= dims[i];
        }
        var inner = 1;
        for (var i = axis + 1; i < dims.Length; i++)
        {
            inner *= (int)dims[i];
        }
        var l1 = new double[size];
        var l2 = new double[size];
        var dot = gradient is not null && gradient.Length == values.Length ? new double[size] : null;
        for (long o = 0; o < outer; o++)
        {
            for (var k = 0; k < size; k++)
            {
                var block = values.AsSpan((int)(((o * size) + k) * inner), inner);
                l1[k] += TensorPrimitives.SumOfMagnitudes(block);
                l2[k] += TensorPrimitives.SumOfSquares(block);
                if (dot is not null)
                {
                    dot[k] += TensorPrimitives.Dot(block, gradient.AsSpan((int)(((o * size) + k) * inner), inner));
                }
            }
        }
        return (l1, l2, dot);
    }
}
