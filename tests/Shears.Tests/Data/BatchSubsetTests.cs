using Shears.Data;

namespace Shears.Tests.Data;

public sealed class BatchSubsetTests
{
    // Sample i holds the value i and the label i % 10.
    private static readonly LabelledDataset Source = new([.. Enumerable.Range(0, 50).Select(i => (float)i)], [.. Enumerable.Range(0, 50).Select(i => i % 10)], [1], 10);

    private static float[] Values(IBatchSource data)
    {
        var values = new float[data.Count];
        data.CopyBatch([.. Enumerable.Range(0, data.Count)], values, new int[data.Count]);
        return values;
    }

    [Fact]
    public void A_sample_is_distinct_in_source_order_seeded_and_capped_by_the_source()
    {
        var sample = Values(BatchSubset.Sample(Source, 20, seed: 7, "s"));
        Assert.Equal(20, sample.Distinct().Count());
        Assert.Equal(sample.Order(), sample);
        Assert.Equal(sample, Values(BatchSubset.Sample(Source, 20, seed: 7, "s")));
        Assert.NotEqual(sample, Values(BatchSubset.Sample(Source, 20, seed: 8, "s")));
        Assert.Same(Source, BatchSubset.Sample(Source, 50, seed: 7, "s"));
    }

    [Fact]
    public void A_cycle_visits_every_sample_before_repeating_and_keeps_labels_with_samples()
    {
        var cycle = BatchSubset.Cycle(Source, 120, seed: 3, "c");
        var values = new float[120];
        var labels = new int[120];
        cycle.CopyBatch([.. Enumerable.Range(0, 120)], values, labels);
        Assert.Equal(50, values.Take(50).Distinct().Count());
        Assert.Equal(50, values.Skip(50).Take(50).Distinct().Count());
        Assert.All(values.Zip(labels), p => Assert.Equal((int)p.First % 10, p.Second));
    }
}
