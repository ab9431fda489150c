namespace Shears.Data;

/// <summary>
/// Reusable buffers for one batch: images N×C×H×W, contiguous, and their labels. A loader fills
/// the first <see cref="Count"/> samples; the arrays keep their size from batch to batch.
/// </summary>
public sealed class Batch
{
    /// <summary>Allocates buffers for up to <paramref name="capacity"/> images of <paramref name="imageShape"/>.</summary>
    /// <param name="capacity">The most samples a batch holds; positive.</param>
    /// <param name="imageShape">Shape of each image, channels first.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    /// <exception cref="ShearsException">An extent of <paramref name="imageShape"/> is not positive.</exception>
    public Batch(int capacity, ImageShape imageShape)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        imageShape.Validate();
        ImageShape = imageShape;
        Images = new float[checked(capacity * imageShape.Size)];
        Labels = new int[capacity];
    }

    /// <summary>Shape of each image in the buffer, channels first.</summary>
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

    /// <summary>The current labels, one per current image.</summary>
    public Span<int> CurrentLabels => Labels.AsSpan(0, Count);
}
