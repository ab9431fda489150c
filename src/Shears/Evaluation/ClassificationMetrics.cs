namespace Shears.Evaluation;

/// <summary>Accuracy and mean cross-entropy of a classifier over a labelled set.</summary>
public sealed record ClassificationMetrics(int Samples, int Correct, double Loss)
{
    public double Accuracy => Samples == 0 ? 0 : (double)Correct / Samples;
}
