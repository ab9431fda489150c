using Shears.Data;
using Shears.Preprocessing;

namespace Shears.Tests.Data;

/// <summary>Loads the installed Fashion-MNIST once for all tests in this class.</summary>
public sealed class FashionMnistFixture
{
    private readonly Lazy<TrainTestSplit> _split = new(() => FashionMnist.Load(FashionMnist.DefaultDirectory));

    public TrainTestSplit Split => _split.Value;
}

public sealed class FashionMnistDataTests(FashionMnistFixture fixture) : IClassFixture<FashionMnistFixture>
{
    [FashionMnistFact]
    public void Train_and_test_sets_have_the_published_sizes()
    {
        var (train, test) = fixture.Split;
        Assert.Equal(60000, train.Count);
        Assert.Equal(10000, test.Count);
        Assert.Equal(ImageShape.Mnist, train.ImageShape);
        Assert.Equal(ImageShape.Mnist, test.ImageShape);
        Assert.Equal(Enumerable.Repeat(6000, 10), train.ClassCounts());
        Assert.Equal(Enumerable.Repeat(1000, 10), test.ClassCounts());
    }

    [FashionMnistFact]
    public void Pixels_are_scaled_to_the_unit_range_and_the_training_statistics_are_the_published_ones()
    {
        Assert.Equal(Normalization.UnitRange, fixture.Split.Train.Normalization);
        Assert.Equal(Normalization.UnitRange, fixture.Split.Test.Normalization);
        Assert.InRange(fixture.Split.Train.Pixels.ToArray().Max(), 0.99f, 1f);
        var statistics = InputStatistics.Compute(fixture.Split.Train);
        // The widely quoted Fashion-MNIST figures, and the integer-exact ones of the raw bytes.
        Assert.Equal(0.2860, statistics.Mean.Single(), 3);
        Assert.Equal(0.3530, statistics.StandardDeviation.Single(), 3);
        var exact = Normalization.FromPixels(IdxReader.Read(FashionMnist.Locate(FashionMnist.DefaultDirectory).TrainImages).Data);
        Assert.Equal(exact.Mean, statistics.Mean.Single(), 6);
        Assert.Equal(exact.StandardDeviation, statistics.StandardDeviation.Single(), 6);
    }

    [FashionMnistFact]
    public void A_shuffled_epoch_of_real_data_fills_full_batches()
    {
        var loader = new BatchLoader(fixture.Split.Test, new BatchOptions { BatchSize = 128, Seed = 3 });
        var batch = loader.CreateBatch();
        var seen = 0;
        foreach (var b in loader.Batches(0, batch))
        {
            seen += b.Count;
        }
        Assert.Equal(79, loader.BatchCount);
        Assert.Equal(10000, seen);
        Assert.Equal(10000 % 128, batch.Count);
    }
}
