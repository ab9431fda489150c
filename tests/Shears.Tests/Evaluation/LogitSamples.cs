using Shears.Data;

namespace Shears.Tests.Evaluation;

/// <summary>
/// Samples that are their own logits (for <see cref="EvaluationModels.Identity"/>), with labels;
/// records every batch it is asked for so tests can check how the data was walked.
/// </summary>
internal sealed class LogitSamples(float[][] sampleLogits, int[] sampleLabels) : IBatchSource
{
    public int Count => sampleLabels.Length;

    public IReadOnlyList<int> SampleShape => [EvaluationModels.Classes];

    /// <summary>The indices of every CopyBatch call, in call order.</summary>
    public List<int[]> Batches { get; } = [];

    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> samples, Span<int> labels)
    {
        Batches.Add(indices.ToArray());
        for (var i = 0; i < indices.Length; i++)
        {
            sampleLogits[indices[i]].CopyTo(samples.Slice(i * EvaluationModels.Classes, EvaluationModels.Classes));
            labels[i] = sampleLabels[indices[i]];
        }
    }
}
