using Shears.Evaluation;

namespace Shears.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    [Theory]
    [InlineData(4, 3, 0.75)]
    [InlineData(8, 0, 0.0)]
    [InlineData(5, 5, 1.0)]
    [InlineData(3, 1, 1.0 / 3)]
    public void Accuracy_is_the_share_of_correct_samples(int samples, int correct, double accuracy)
    {
        Assert.Equal(accuracy, new ClassificationMetrics(samples, correct, Loss: 0.5).Accuracy, 12);
    }

    [Fact]
    public void An_empty_set_has_accuracy_zero_not_nan()
    {
        var metrics = new ClassificationMetrics(0, 0, 0);
        Assert.Equal(0, metrics.Accuracy);
        Assert.False(double.IsNaN(metrics.Accuracy));
    }
}
