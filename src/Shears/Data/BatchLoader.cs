using Shears.Numerics;

namespace Shears.Data;

/// <summary>
/// Cuts a dataset into batches, in dataset order or in a seeded random order per epoch, copying
/// each batch into caller-owned buffers: once the buffers exist, loading allocates nothing.
/// </summary>
public sealed class BatchLoader
{
    private readonly int[] _order;

    /// <summary>Prepares a loader over <paramref name="dataset"/>, with epoch 0's order set.</summary>
    /// <param name="dataset">The samples; not copied, so it must not change while the loader is in use.</param>
    /// <param name="options">Batch size, shuffling and seed; null uses <see cref="BatchOptions"/>' defaults (128, shuffled, seed 0).</param>
    /// <exception cref="ShearsException">The batch size is not positive.</exception>
    public BatchLoader(ImageClassificationDataset dataset, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Options = options ?? new BatchOptions();
        if (Options.BatchSize <= 0)
        {
            throw new ShearsException($"batch size must be positive, not {Options.BatchSize}");
        }
        Dataset = dataset;
        _order = new int[dataset.Count];
        var full = dataset.Count / Options.BatchSize;
        BatchCount = Options.DropPartialBatch || dataset.Count % Options.BatchSize == 0 ? full : full + 1;
        BeginEpoch(0);
    }

    /// <summary>The samples batches are cut from.</summary>
    public ImageClassificationDataset Dataset { get; }

    /// <summary>The batch size, shuffling and seed in use.</summary>
    public BatchOptions Options { get; }

    /// <summary>Batches per epoch: the dataset size divided by the batch size, rounded up unless the partial last batch is dropped.</summary>
    public int BatchCount { get; }

    /// <summary>Samples one epoch visits: all of them unless a partial last batch is dropped.</summary>
    public int SamplesPerEpoch => Math.Min(Dataset.Count, BatchCount * Options.BatchSize);

    /// <summary>The epoch whose order <see cref="Order"/> holds.</summary>
    public int Epoch { get; private set; }

    /// <summary>Dataset indices in the order the current epoch visits them.</summary>
    public ReadOnlySpan<int> Order => _order;

    /// <summary>Buffers sized for this loader's batches.</summary>
    public Batch CreateBatch() => new(Options.BatchSize, Dataset.ImageShape);

    /// <summary>Sets the visiting order for <paramref name="epoch"/>; the same seed and epoch give the same order.</summary>
    public void BeginEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }
        if (Options.Shuffle)
        {
            Rng.ForStream(Options.Seed, (ulong)epoch).Shuffle<int>(_order);
        }
        Epoch = epoch;
    }

    /// <summary>Copies batch <paramref name="batchIndex"/> of the current epoch into the buffers and returns its size.</summary>
    public int Fill(int batchIndex, Span<float> images, Span<int> labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batchIndex, BatchCount);
        var start = batchIndex * Options.BatchSize;
        var count = Math.Min(Options.BatchSize, Dataset.Count - start);
        var imageSize = Dataset.ImageShape.Size;
        if (images.Length < count * imageSize || labels.Length < count)
        {
            throw new ArgumentException($"buffers for {images.Length} values and {labels.Length} labels cannot hold {count} images of {Dataset.ImageShape}");
        }
        var pixels = Dataset.Pixels;
        var allLabels = Dataset.Labels;
        for (var i = 0; i < count; i++)
        {
            var sample = _order[start + i];
            pixels.Slice(sample * imageSize, imageSize).CopyTo(images.Slice(i * imageSize, imageSize));
            labels[i] = allLabels[sample];
        }
        return count;
    }

    /// <inheritdoc cref="Fill(int, Span{float}, Span{int})"/>
    public void Fill(int batchIndex, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.ImageShape != Dataset.ImageShape)
        {
            throw new ArgumentException($"batch holds images of {batch.ImageShape}, the dataset {Dataset.ImageShape}", nameof(batch));
        }
        batch.Count = Fill(batchIndex, batch.Images, batch.Labels);
    }

    /// <summary>
    /// Begins <paramref name="epoch"/> and enumerates its batches, each loaded into
    /// <paramref name="batch"/> (the same object every step, so nothing is allocated).
    /// </summary>
    public BatchSequence Batches(int epoch, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        BeginEpoch(epoch);
        return new BatchSequence(this, batch);
    }
}
