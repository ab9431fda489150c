namespace Shears.Engine.Training;

/// <summary>
/// Mean softmax cross-entropy over a batch of logits [N, C] with integer labels, optionally with
/// label smoothing (the target puts 1−ε on the label and ε spread evenly over all classes).
/// </summary>
public sealed class SoftmaxCrossEntropy
{
    /// <summary>A loss with the given label smoothing ε in [0, 1); 0 for plain cross-entropy.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1).</exception>
    public SoftmaxCrossEntropy(float labelSmoothing = 0f)
    {
        if (labelSmoothing is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), "label smoothing must be in [0, 1)");
        }
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The smoothing ε: the share of the target spread evenly over all classes.</summary>
    public float LabelSmoothing { get; }

    /// <summary>
    /// Computes the mean loss over <paramref name="count"/> rows and writes dLoss/dLogits into
    /// <paramref name="gradient"/> (same layout as logits). Returns the loss and the number of rows
    /// whose arg-max equals the label.
    /// </summary>
    public (double Loss, int Correct) Compute(ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> labels, int count, Span<float> gradient)
    {
        double total = 0;
        var correct = 0;
        var off = LabelSmoothing / classes;
        var on = 1f - LabelSmoothing + off;
        var scale = 1f / count;
        for (var n = 0; n < count; n++)
        {
            var row = logits.Slice(n * classes, classes);
            var label = labels[n];
            if ((uint)label >= (uint)classes)
            {
                throw new ShearsException($"label {label} is outside the model's {classes} classes");
            }
            var max = float.NegativeInfinity;
            var best = 0;
            for (var c = 0; c < classes; c++)
            {
                if (row[c] > max)
                {
                    max = row[c];
                    best = c;
                }
            }
            if (best == label)
            {
                correct++;
            }
            double sum = 0;
            for (var c = 0; c < classes; c++)
            {
                sum += Math.Exp(row[c] - max);
            }
            var logSum = Math.Log(sum) + max;
            var g = gradient.Slice(n * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                var target = c == label ? on : off;
                var logProbability = row[c] - logSum;
                total -= target * logProbability;
                g[c] = (float)((Math.Exp(logProbability) - target) * scale);
            }
        }
        return (total / count, correct);
    }
}
