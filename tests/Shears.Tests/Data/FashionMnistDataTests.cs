using Shears.Data;

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
    public void Normalization_is_the_training_set_statistics()
    {
        var norm = fixture.Split.Train.Normalization;
        // The widely quoted Fashion-MNIST figures.
        Assert.Equal(0.2860, norm.Mean, 3);
        Assert.Equal(0.3530, norm.StandardDeviation, 3);
        Assert.Equal(norm, fixture.Split.Test.Normalization);
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
