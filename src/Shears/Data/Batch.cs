namespace Shears.Data;

/// <summary>
/// Reusable buffers for one batch: images N×C×H×W, contiguous, and their labels. A loader fills
/// the first <see cref="Count"/> samples; the arrays keep their size from batch to batch.
/// </summary>
public sealed class Batch
{
    public Batch(int capacity, ImageShape imageShape)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        imageShape.Validate();
        ImageShape = imageShape;
        Images = new float[checked(capacity * imageShape.Size)];
        Labels = new int[capacity];
    }

    public ImageShape ImageShape { get; }

    /// <summary>The most samples the buffers hold.</summary>
    public int Capacity => Labels.Length;

    /// <summary>Samples filled in by the last load.</summary>
    public int Count { get; internal set; }

    /// <summary>The whole image buffer; only the first <see cref="Count"/> images are current.</summary>
    public float[] Images { get; }

    /// <summary>The whole label buffer; only the first <see cref="Count"/> labels are current.</summary>
    public int[] Labels { get; }

    /// <summary>The current images, Count×C×H×W.</summary>
    public Span<float> CurrentImages => Images.AsSpan(0, Count * ImageShape.Size);

    public Span<int> CurrentLabels => Labels.AsSpan(0, Count);
}
