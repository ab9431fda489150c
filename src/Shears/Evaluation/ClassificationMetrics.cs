namespace Shears.Evaluation;

/// <summary>Accuracy and mean cross-entropy of a classifier over a labelled set.</summary>
/// <param name="Samples">How many labelled samples were classified.</param>
/// <param name="Correct">How many of them the highest logit classified correctly.</param>
/// <param name="Loss">Mean softmax cross-entropy over the samples.</param>
public sealed record ClassificationMetrics(int Samples, int Correct, double Loss)
{
    /// <summary>The fraction classified correctly, in [0, 1]; 0 for an empty set.</summary>
    public double Accuracy => Samples == 0 ? 0 : (double)Correct / Samples;
}
