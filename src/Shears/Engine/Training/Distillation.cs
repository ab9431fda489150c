using Shears.IR;

namespace Shears.Engine.Training;

/// <summary>
/// Knowledge distillation: the student also learns the teacher's softened class probabilities, which carries more of
/// what a pruned model lost than the labels alone. The loss is (1 − w)·CE(labels) + w·T²·KL(teacher_T ‖ student_T),
/// with both logits divided by the temperature T (the T² keeps the soft term's gradient on the scale of the hard one).
/// </summary>
public sealed record Distillation
{
    /// <summary>A teacher with its weight and temperature.</summary>
    /// <param name="teacher">A classifier with the student's input and as many logits; usually the dense model before pruning.</param>
    /// <exception cref="ArgumentNullException"><paramref name="teacher"/> is null.</exception>
    public Distillation(Model teacher)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        Teacher = teacher;
    }

    /// <summary>The model whose outputs the student learns.</summary>
    public Model Teacher { get; }

    /// <summary>Share w of the loss that is the soft term, in (0, 1]; 0.7 by default.</summary>
    public float Weight { get; init; } = 0.7f;

    /// <summary>Temperature T ≥ 1 both logits are divided by before the soft term; 4 by default.</summary>
    public float Temperature { get; init; } = 4f;

    /// <summary>Output of the teacher holding its logits (default: its first output).</summary>
    public string? TeacherOutputName { get; init; }

    /// <summary>Throws a <see cref="ShearsException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(Weight > 0f && Weight <= 1f))
        {
            throw new ShearsException($"distillation weight must be in (0, 1], not {Weight}");
        }
        if (!(Temperature >= 1f && float.IsFinite(Temperature)))
        {
            throw new ShearsException($"distillation temperature must be at least 1, not {Temperature}");
        }
    }

    /// <summary>
    /// Adds the soft term to a hard loss already computed: scales <paramref name="gradient"/> (dCE/dLogits) by 1 − w
    /// and adds w·T·(softmax(s/T) − softmax(t/T)) / count to it. Returns the combined mean loss.
    /// </summary>
    /// <param name="hardLoss">The mean cross-entropy of the batch.</param>
    /// <param name="student">The student's logits [count, classes].</param>
    /// <param name="teacher">The teacher's logits, the same layout.</param>
    /// <param name="classes">Logits per row.</param>
    /// <param name="count">Rows.</param>
    /// <param name="gradient">dLoss/dLogits of the hard loss on entry; of the combined loss on return.</param>
    public double Combine(double hardLoss, ReadOnlySpan<float> student, ReadOnlySpan<float> teacher, int classes, int count, Span<float> gradient)
    {
        var t = (double)Temperature;
        var w = (double)Weight;
        double soft = 0;
        var p = new double[classes];
        var q = new double[classes];
        for (var n = 0; n < count; n++)
        {
            var logQ = SoftmaxOf(teacher.Slice(n * classes, classes), t, q);
            var logP = SoftmaxOf(student.Slice(n * classes, classes), t, p);
            var g = gradient.Slice(n * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                var teacherLog = (teacher[(n * classes) + c] / t) - logQ;
                var studentLog = (student[(n * classes) + c] / t) - logP;
                soft += q[c] * (teacherLog - studentLog);
                g[c] = (float)(((1 - w) * g[c]) + (w * t * (p[c] - q[c]) / count));
            }
        }
        return ((1 - w) * hardLoss) + (w * t * t * soft / count);
    }

    // Writes softmax(row / t) into probabilities and returns log Σ exp(row / t), computed stably.
    private static double SoftmaxOf(ReadOnlySpan<float> row, double t, double[] probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var v in row)
        {
            max = Math.Max(max, v / t);
        }
        double sum = 0;
        for (var c = 0; c < row.Length; c++)
        {
            probabilities[c] = Math.Exp((row[c] / t) - max);
            sum += probabilities[c];
        }
        for (var c = 0; c < row.Length; c++)
        {
            probabilities[c] /= sum;
        }
        return Math.Log(sum) + max;
    }
}
