namespace Shears.Data;

/// <summary>
/// Labelled images held in memory as normalised float32, channels first and contiguous
/// (N×C×H×W), with one integer class label per image.
/// </summary>
public sealed class ImageClassificationDataset : IBatchSource
{
    private readonly float[] _pixels;
    private readonly int[] _labels;

    /// <summary>Wraps arrays without copying; the caller must not change them afterwards.</summary>
    public ImageClassificationDataset(float[] pixels, int[] labels, ImageShape imageShape, int classCount, Normalization normalization, string name = "dataset")
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(name);
        imageShape.Validate();
        if (classCount <= 0)
        {
            throw new ShearsException($"{name}: class count must be positive, not {classCount}");
        }
        if ((long)labels.Length * imageShape.Size != pixels.Length)
        {
            throw new ShearsException($"{name}: {pixels.Length} pixel values do not make {labels.Length} images of {imageShape}");
        }
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ShearsException($"{name}: label {labels[i]} of sample {i} is outside the {classCount} classes 0–{classCount - 1}");
            }
        }
        _pixels = pixels;
        _labels = labels;
        ImageShape = imageShape;
        ClassCount = classCount;
        Normalization = normalization;
        Name = name;
    }

    /// <summary>Where the data came from, for messages and reports.</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>Shape of each image, channels first.</summary>
    public ImageShape ImageShape { get; }

    /// <summary>Number of classes; every label is in [0, ClassCount).</summary>
    public int ClassCount { get; }

    /// <summary>The normalisation already applied to <see cref="Pixels"/>.</summary>
    public Normalization Normalization { get; }

    /// <summary>All images, N×C×H×W.</summary>
    public ReadOnlySpan<float> Pixels => _pixels;

    /// <summary>All labels, one per image, in dataset order.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    // Shared, not copied, when the images become a LabelledDataset.
    internal float[] PixelArray => _pixels;

    internal int[] LabelArray => _labels;

    /// <summary>One image, C×H×W.</summary>
    public ReadOnlySpan<float> Image(int index) => _pixels.AsSpan(checked(index * ImageShape.Size), ImageShape.Size);

    /// <summary>The class label of image <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    IReadOnlyList<int> IBatchSource.SampleShape => [ImageShape.Channels, ImageShape.Height, ImageShape.Width];

    /// <summary>Copies images and labels at the given indices, contiguously, for training and evaluation.</summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> samples, Span<int> labels) =>
        LabelledSamples.CopyBatch(_pixels, _labels, ImageShape.Size, indices, samples, labels);

    /// <summary>How many samples carry each label.</summary>
    public int[] ClassCounts() => LabelledSamples.ClassCounts(_labels, ClassCount);

    /// <summary>
    /// Reads an images file (N×H×W or N×C×H×W unsigned bytes) and a labels file (N unsigned bytes).
    /// </summary>
    /// <param name="imagesPath">The images IDX file (plain or gzip).</param>
    /// <param name="labelsPath">The labels IDX file, one label per image.</param>
    /// <param name="normalization">Applied to the pixels; null computes it from these images.</param>
    /// <param name="classCount">Number of classes; null takes the largest label plus one.</param>
    public static ImageClassificationDataset FromIdx(string imagesPath, string labelsPath, Normalization? normalization = null, int? classCount = null)
    {
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        return FromIdx(images, labels, normalization, classCount);
    }

    /// <inheritdoc cref="FromIdx(string, string, Normalization?, int?)"/>
    public static ImageClassificationDataset FromIdx(IdxArray images, IdxArray labels, Normalization? normalization = null, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var pixels = images.RequireUnsignedBytes("images");
        images.RequireRank("images", 3, 4);
        var labelBytes = labels.RequireUnsignedBytes("labels");
        labels.RequireRank("labels", 1);
        var dims = images.Dimensions;
        var shape = dims.Length == 3 ? new ImageShape(1, dims[1], dims[2]) : new ImageShape(dims[1], dims[2], dims[3]);
        if (dims[0] != labels.Dimensions[0])
        {
            throw new ShearsException($"{images.Source} holds {dims[0]} images but {labels.Source} holds {labels.Dimensions[0]} labels");
        }
        if (shape.Size == 0)
        {
            throw new ShearsException($"{images.Source}: images of {shape} hold no pixels");
        }

        var norm = normalization ?? (pixels.Length > 0 ? Normalization.FromPixels(pixels) : Normalization.UnitRange);
        var table = norm.LookupTable();
        var values = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            values[i] = table[pixels[i]];
        }
        var labelValues = new int[labelBytes.Length];
        var largest = -1;
        for (var i = 0; i < labelBytes.Length; i++)
        {
            labelValues[i] = labelBytes[i];
            largest = Math.Max(largest, labelBytes[i]);
        }
        var classes = classCount ?? Math.Max(1, largest + 1);
        if (largest >= classes)
        {
            throw new ShearsException($"{labels.Source}: label {largest} is outside the {classes} classes 0–{classes - 1}");
        }
        return new ImageClassificationDataset(values, labelValues, shape, classes, norm, images.Source);
    }
}
