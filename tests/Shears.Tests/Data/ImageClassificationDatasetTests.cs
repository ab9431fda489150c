using Shears.Data;

namespace Shears.Tests.Data;

public sealed class ImageClassificationDatasetTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Loads_a_pair_of_idx_files_as_normalised_images_and_labels()
    {
        var images = _files.Write("images", IdxFiles.Gzip(IdxFiles.Images(3, 2, 2)));
        var labels = _files.Write("labels", IdxFiles.Labels(2, 0, 1));
        var dataset = ImageClassificationDataset.FromIdx(images, labels, Normalization.UnitRange);
        Assert.Equal(3, dataset.Count);
        Assert.Equal(new ImageShape(1, 2, 2), dataset.ImageShape);
        Assert.Equal(3, dataset.ClassCount);
        Assert.Equal([2, 0, 1], dataset.Labels.ToArray());
        Assert.Equal([7 / 255f, 8 / 255f, 9 / 255f, 10 / 255f], dataset.Image(1).ToArray());
    }

    [Fact]
    public void Without_a_normalization_the_images_get_zero_mean_and_unit_deviation()
    {
        var images = _files.Write("images", IdxFiles.Images(5, 4, 4));
        var labels = _files.Write("labels", IdxFiles.Labels(0, 1, 0, 1, 0));
        var dataset = ImageClassificationDataset.FromIdx(images, labels, classCount: 2);
        var pixels = dataset.Pixels.ToArray();
        var mean = pixels.Average();
        var variance = pixels.Average(p => (p - mean) * (p - mean));
        Assert.Equal(0, mean, 1e-5);
        Assert.Equal(1, variance, 1e-4);
        Assert.Equal([3, 2], dataset.ClassCounts());
    }

    [Fact]
    public void Four_dimensional_images_keep_their_channels()
    {
        var images = _files.Write("images", IdxFiles.Encode(0x08, [2, 3, 2, 2], new byte[24]));
        var labels = _files.Write("labels", IdxFiles.Labels(0, 1));
        Assert.Equal(new ImageShape(3, 2, 2), ImageClassificationDataset.FromIdx(images, labels).ImageShape);
    }

    [Fact]
    public void Count_mismatch_names_both_files()
    {
        var images = _files.Write("images", IdxFiles.Images(3, 2, 2));
        var labels = _files.Write("labels", IdxFiles.Labels(0, 1));
        var error = Assert.Throws<ShearsException>(() => ImageClassificationDataset.FromIdx(images, labels));
        Assert.Equal($"{images} holds 3 images but {labels} holds 2 labels", error.Message);
    }

    [Fact]
    public void Labels_outside_the_class_count_are_rejected()
    {
        var images = _files.Write("images", IdxFiles.Images(2, 2, 2));
        var labels = _files.Write("labels", IdxFiles.Labels(0, 10));
        var error = Assert.Throws<ShearsException>(() => ImageClassificationDataset.FromIdx(images, labels, classCount: 10));
        Assert.Contains("label 10 is outside the 10 classes", error.Message);
    }

    [Fact]
    public void Images_of_the_wrong_type_or_rank_are_rejected()
    {
        var floats = _files.Write("floats", IdxFiles.Encode(0x0D, [1, 1, 1], new byte[4]));
        var flat = _files.Write("flat", IdxFiles.Labels(1, 2));
        var image = _files.Write("image", IdxFiles.Images(1, 2, 2));
        var labels = _files.Write("labels", IdxFiles.Labels(0));
        Assert.Contains("must hold unsigned bytes", Assert.Throws<ShearsException>(() => ImageClassificationDataset.FromIdx(floats, labels)).Message);
        Assert.Contains("images must have 3 or 4 dimension(s) but have 1", Assert.Throws<ShearsException>(() => ImageClassificationDataset.FromIdx(flat, labels)).Message);
        Assert.Contains("labels must have 1 dimension(s)", Assert.Throws<ShearsException>(() => ImageClassificationDataset.FromIdx(image, image)).Message);
    }

    [Fact]
    public void Normalization_from_pixels_is_the_population_mean_and_deviation()
    {
        var norm = Normalization.FromPixels([0, 255, 0, 255]);
        Assert.Equal(0.5f, norm.Mean);
        Assert.Equal(0.5f, norm.StandardDeviation);
        Assert.Equal([-1f, 1f], [norm.LookupTable()[0], norm.LookupTable()[255]]);
        Assert.Throws<ShearsException>(() => new Normalization(0, 0));
    }
}
