using System.Collections.Immutable;
using Shears.Numerics;

namespace Shears.Data;

/// <summary>
/// Labelled samples of any shape held in memory as float32, sample after sample (C order inside a
/// sample), with one integer class label each. What training and evaluation take from any format.
/// </summary>
public sealed class LabelledDataset : IBatchSource
{
    private readonly float[] _values;
    private readonly int[] _labels;

    /// <summary>Wraps arrays without copying; the caller must not change them afterwards.</summary>
    /// <param name="values">All samples' values, one sample after another.</param>
    /// <param name="labels">One class label per sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="sampleShape">Shape of one sample without the batch axis; every extent positive.</param>
    /// <param name="classCount">Number of classes; positive.</param>
    /// <param name="name">Where the data came from, for messages.</param>
    /// <param name="classNames">Names indexed by label (an image folder's sub-folders), or null.</param>
    public LabelledDataset(float[] values, int[] labels, IReadOnlyList<int> sampleShape, int classCount, string name = "dataset", IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(name);
        if (sampleShape.Count == 0 || sampleShape.Any(d => d <= 0))
        {
            throw new ShearsException($"{name}: sample shape [{string.Join("×", sampleShape)}] must have positive extents");
        }
        var sampleSize = sampleShape.Aggregate(1L, (a, b) => a * b);
        if (classCount <= 0)
        {
            throw new ShearsException($"{name}: class count must be positive, not {classCount}");
        }
        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ShearsException($"{name}: {classNames.Count} class names for {classCount} classes");
        }
        if (labels.LongLength * sampleSize != values.LongLength)
        {
            throw new ShearsException($"{name}: {values.Length} values do not make {labels.Length} samples of {DatasetShapes.Format(sampleShape)}");
        }
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ShearsException($"{name}: label {labels[i]} of sample {i} is outside the {classCount} classes 0–{classCount - 1}");
            }
        }
        _values = values;
        _labels = labels;
        SampleShape = [.. sampleShape];
        SampleSize = (int)sampleSize;
        ClassCount = classCount;
        ClassNames = classNames is null ? null : [.. classNames];
        Name = name;
    }

    /// <summary>Where the data came from, for messages and reports.</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>Shape of one sample, without the batch axis, e.g. [1, 28, 28], [28, 28, 3] or [784].</summary>
    public ImmutableArray<int> SampleShape { get; }

    IReadOnlyList<int> IBatchSource.SampleShape => SampleShape;

    /// <summary>Values in one sample.</summary>
    public int SampleSize { get; }

    /// <summary>Number of classes; every label is in [0, ClassCount).</summary>
    public int ClassCount { get; }

    /// <summary>Class names indexed by label, when the format has them.</summary>
    public ImmutableArray<string>? ClassNames { get; }

    /// <summary>All samples, one after another.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>All labels, one per sample, in dataset order.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The values of one sample.</summary>
    public ReadOnlySpan<float> Sample(int index) => _values.AsSpan(checked(index * SampleSize), SampleSize);

    /// <summary>The class label of sample <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>Copies samples and labels at the given indices, contiguously, for training and evaluation.</summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> samples, Span<int> labels) =>
        LabelledSamples.CopyBatch(_values, _labels, SampleSize, indices, samples, labels);

    /// <summary>How many samples carry each label.</summary>
    public int[] ClassCounts() => LabelledSamples.ClassCounts(_labels, ClassCount);

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a dataset of their own (copied).</summary>
    public LabelledDataset Subset(ReadOnlySpan<int> indices, string name)
    {
        var values = new float[(long)indices.Length * SampleSize];
        var labels = new int[indices.Length];
        CopyBatch(indices, values, labels);
        return new LabelledDataset(values, labels, SampleShape, ClassCount, name, ClassNames);
    }

    /// <summary>
    /// Sets aside a seeded random <paramref name="fraction"/> of the samples (at least one when the
    /// fraction is positive). Both parts keep dataset order; the same seed gives the same parts.
    /// </summary>
    public (LabelledDataset Kept, LabelledDataset HeldOut) SplitOff(double fraction, ulong seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new InvalidOptionException($"ValidationFraction must be between 0 and 1 (exclusive), got {fraction}", "ValidationFraction");
        }
        var partCount = Math.Max(1, (int)Math.Round(Count * fraction, MidpointRounding.AwayFromZero));
        if (partCount >= Count)
        {
            throw new ShearsException($"{Name}: a validation fraction of {fraction} of {Count} sample(s) leaves none to train on");
        }
        var chosen = new bool[Count];
        foreach (var index in Rng.ForStream(seed, "validation-split").Permutation(Count).AsSpan(0, partCount))
        {
            chosen[index] = true;
        }
        var part = Enumerable.Range(0, Count).Where(i => chosen[i]).ToArray();
        var rest = Enumerable.Range(0, Count).Where(i => !chosen[i]).ToArray();
        return (Subset(rest, $"{Name} (training part)"), Subset(part, $"{Name} (validation part)"));
    }

    /// <summary>The same samples, told they belong to <paramref name="classCount"/> classes (names are dropped when the count changes).</summary>
    public LabelledDataset WithClassCount(int classCount) =>
        classCount == ClassCount ? this : new LabelledDataset(_values, _labels, SampleShape, classCount, Name);

    /// <summary>The same samples with another shape of the same size (e.g. after a layout change), or other values.</summary>
    internal LabelledDataset WithValues(float[] values, IReadOnlyList<int> sampleShape) =>
        new(values, _labels, sampleShape, ClassCount, Name, ClassNames);

    /// <summary>The images of an IDX dataset, sharing their buffers.</summary>
    public static LabelledDataset From(ImageClassificationDataset images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = images.ImageShape;
        return new LabelledDataset(images.PixelArray, images.LabelArray, [shape.Channels, shape.Height, shape.Width], images.ClassCount, images.Name);
    }
}
