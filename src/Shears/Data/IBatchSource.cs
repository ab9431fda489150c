namespace Shears.Data;

/// <summary>Labelled samples that training and evaluation copy in batches.</summary>
public interface IBatchSource
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Shape of one sample, without the batch axis (for example [1, 28, 28]).</summary>
    IReadOnlyList<int> SampleShape { get; }

    /// <summary>Copies the samples at <paramref name="indices"/> (contiguous, in order) and their labels.</summary>
    void CopyBatch(ReadOnlySpan<int> indices, Span<float> samples, Span<int> labels);
}
