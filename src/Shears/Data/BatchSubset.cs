using Shears.Numerics;

namespace Shears.Data;

/// <summary>
/// Some samples of another source, by index, without copying them: a capped, seeded sample of held-out data to score
/// many candidate models on, or a fixed number of training batches for a short fine-tuning.
/// </summary>
public sealed class BatchSubset : IBatchSource
{
    private readonly IBatchSource _source;
    private readonly int[] _indices;

    /// <summary>The samples of <paramref name="source"/> at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    public BatchSubset(IBatchSource source, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Any(i => (uint)i >= (uint)source.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(indices), $"an index is outside the source's {source.Count} samples");
        }
        _source = source;
        _indices = [.. indices];
    }

    /// <inheritdoc/>
    public int Count => _indices.Length;

    /// <inheritdoc/>
    public IReadOnlyList<int> SampleShape => _source.SampleShape;

    /// <summary>
    /// At most <paramref name="count"/> distinct samples chosen at random (all of them when the source has no more), kept in
    /// the source's order; the same seed and stream give the same samples. Random rather than the first ones, because a
    /// source may be ordered by class.
    /// </summary>
    public static IBatchSource Sample(IBatchSource source, int count, ulong seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (count >= source.Count)
        {
            return source;
        }
        var chosen = Rng.ForStream(seed, stream).Permutation(source.Count).AsSpan(0, Math.Max(0, count)).ToArray();
        Array.Sort(chosen);
        return new BatchSubset(source, chosen);
    }

    /// <summary>
    /// Exactly <paramref name="count"/> samples in a seeded random order, going through the whole source before repeating
    /// any sample (so a short fine-tuning of a fixed number of batches sees as varied data as it can).
    /// </summary>
    public static BatchSubset Cycle(IBatchSource source, int count, ulong seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Count == 0 && count > 0)
        {
            throw new ShearsException("the training set is empty");
        }
        var indices = new List<int>(Math.Max(0, count));
        for (var round = 0UL; indices.Count < count; round++)
        {
            var order = Rng.ForStream(seed, $"{stream}/{round}").Permutation(source.Count);
            indices.AddRange(order.Take(count - indices.Count));
        }
        return new BatchSubset(source, indices);
    }

    /// <inheritdoc/>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> samples, Span<int> labels)
    {
        var mapped = indices.Length <= 1024 ? stackalloc int[indices.Length] : new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            mapped[i] = _indices[indices[i]];
        }
        _source.CopyBatch(mapped, samples, labels);
    }
}
