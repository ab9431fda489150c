using Shears.Data;

namespace Shears.Tests.Data;

public sealed class DatasetCompatibilityTests
{
    private static LabelledDataset Samples(int[] shape, int classes = 10) =>
        new(new float[shape.Aggregate(1, (a, b) => a * b)], [classes - 1], shape, classes, "data");

    [Theory]
    [InlineData(new[] { 1, 28, 28 }, new[] { 1, 28, 28 }, true)]
    [InlineData(new[] { 1, 28, 28 }, new[] { 784 }, true)]
    [InlineData(new[] { 784 }, new[] { 1, 28, 28 }, true)]
    [InlineData(new[] { 28, 28 }, new[] { 1, 28, 28 }, true)]
    [InlineData(new[] { 1, 28, 28 }, new[] { 28, 28, 1 }, true)]
    [InlineData(new[] { 3, 32, 32 }, new[] { 32, 32, 3 }, false)]
    [InlineData(new[] { 3, 28, 28 }, new[] { 1, 28, 28 }, false)]
    [InlineData(new[] { 1, 32, 32 }, new[] { 1, 28, 28 }, false)]
    [InlineData(new[] { 2, 392 }, new[] { 1, 28, 28 }, false)]
    [InlineData(new[] { 3, 32, 32 }, new[] { 3, 0, 0 }, true)]
    public void Fits_allows_equal_squeezed_and_flat_shapes_only(int[] data, int[] model, bool fits)
    {
        // 0 stands for a symbolic extent in the model's shape.
        Assert.Equal(fits, DatasetCompatibility.Fits(data, [.. model.Select(d => d == 0 ? (int?)null : d)]));
    }

    [Theory]
    [InlineData(new[] { 3, 28, 28 }, new[] { 1, 28, 28 }, "samples of 3×28×28 do not fit the model's input 'input', which takes 1×28×28 per sample (channels 3 vs 1)")]
    [InlineData(new[] { 1, 32, 32 }, new[] { 1, 28, 28 }, "samples of 1×32×32 do not fit the model's input 'input', which takes 1×28×28 per sample (size 32×32 vs 28×28)")]
    [InlineData(new[] { 3, 8, 8 }, new[] { 8, 8, 3 }, "(channels first vs last)")]
    [InlineData(new[] { 10 }, new[] { 1, 28, 28 }, "(rank 1 vs 3; 10 values vs 784)")]
    public void A_shape_mismatch_names_both_shapes_and_the_difference(int[] data, int[] model, string message)
    {
        var error = Assert.Throws<DatasetMismatchException>(() => DatasetCompatibility.Check(Samples(data), new ModelInput("input", [.. model.Select(d => (int?)d)], 10)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_beyond_the_models_classes_are_refused()
    {
        var error = Assert.Throws<DatasetMismatchException>(() => DatasetCompatibility.Check(Samples([784], 12), new ModelInput("input", [784], 10)));
        Assert.Contains("the data has 12 classes (labels 0–11) but the model gives 10", error.Message, StringComparison.Ordinal);
        DatasetCompatibility.Check(Samples([784], 7), new ModelInput("input", [784], 10));
        DatasetCompatibility.Check(Samples([5]), new ModelInput("input", null, null));
    }
}
