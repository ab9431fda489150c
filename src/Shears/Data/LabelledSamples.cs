namespace Shears.Data;

/// <summary>The batch copy and label count every in-memory dataset does over its flat samples and labels.</summary>
internal static class LabelledSamples
{
    /// <summary>Copies the samples of <paramref name="sampleSize"/> values at <paramref name="indices"/> and their labels, contiguously.</summary>
    public static void CopyBatch(ReadOnlySpan<float> values, ReadOnlySpan<int> allLabels, int sampleSize, ReadOnlySpan<int> indices, Span<float> samples, Span<int> labels)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            values.Slice(indices[i] * sampleSize, sampleSize).CopyTo(samples.Slice(i * sampleSize, sampleSize));
            labels[i] = allLabels[indices[i]];
        }
    }

    /// <summary>How many of <paramref name="labels"/> carry each of the <paramref name="classCount"/> classes.</summary>
    public static int[] ClassCounts(ReadOnlySpan<int> labels, int classCount)
    {
        var counts = new int[classCount];
        foreach (var label in labels)
        {
            counts[label]++;
        }
        return counts;
    }
}
