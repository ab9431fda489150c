using Shears.Data;
using Shears.Evaluation;
using Shears.IR;
using Shears.Models;
using Shears.OnnxRuntime;

namespace Shears.Tests.Evaluation;

/// <summary>
/// The evaluator on the identity model, whose logits are the samples themselves, so accuracy and
/// loss are worked out by hand; and on an MLP against the same figures computed from ONNX Runtime's logits.
/// </summary>
public sealed class ClassifierEvaluatorTests
{
    private static readonly float Ln2 = MathF.Log(2);
    private static readonly float Ln3 = MathF.Log(3);

    // Logits ln 1, ln 2, ln 3 in some order give softmax probabilities 1/6, 2/6, 3/6.
    private static readonly float[][] Logits =
    [
        [0, Ln2, Ln3], // label 2: right, loss −ln(3/6) = ln 2
        [0, Ln2, Ln3], // label 0: wrong, loss −ln(1/6) = ln 6
        [Ln3, 0, Ln2], // label 0: right, loss ln 2
        [0, 0, 0],     // label 1: a tie goes to the first class, so wrong; loss ln 3
        [Ln3, Ln2, 0], // label 1: wrong, loss −ln(2/6) = ln 3
        [0, Ln3, Ln2], // label 1: right, loss ln 2
        [Ln2, Ln3, 0], // label 1: right, loss ln 2
    ];

    private static readonly int[] Labels = [2, 0, 0, 1, 1, 1, 1];

    // (4 ln 2 + ln 6 + 2 ln 3) / 7
    private static readonly double ExpectedLoss = ((5 * Math.Log(2)) + (3 * Math.Log(3))) / 7;

    [Fact]
    public void Accuracy_and_loss_match_the_hand_computed_figures()
    {
        var metrics = ClassifierEvaluator.Evaluate(EvaluationModels.Identity(), new LogitSamples(Logits, Labels), batchSize: 256);
        Assert.Equal(7, metrics.Samples);
        Assert.Equal(4, metrics.Correct);
        Assert.Equal(4.0 / 7, metrics.Accuracy, 12);
        Assert.Equal(ExpectedLoss, metrics.Loss, 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public void Every_batch_size_gives_the_same_figures_and_visits_each_sample_once(int batchSize)
    {
        var data = new LogitSamples(Logits, Labels);
        var metrics = ClassifierEvaluator.Evaluate(EvaluationModels.Identity(), data, batchSize);
        Assert.Equal(4, metrics.Correct);
        // The loss is a mean over samples, not over batches: a short last batch weighs by its size.
        Assert.Equal(ExpectedLoss, metrics.Loss, 5);
        Assert.Equal(Enumerable.Range(0, 7), data.Batches.SelectMany(b => b));
        Assert.All(data.Batches.SkipLast(1), b => Assert.Equal(batchSize, b.Length));
        Assert.Equal(7 - (batchSize * (data.Batches.Count - 1)), data.Batches[^1].Length);
    }

    [Fact]
    public void The_named_output_is_the_one_scored()
    {
        // −logits turn the arg-max around: only sample 1 (label 0, logits 0, −ln 2, −ln 3) is right.
        var metrics = ClassifierEvaluator.Evaluate(EvaluationModels.Identity(), new LogitSamples(Logits, Labels), batchSize: 4, outputName: EvaluationModels.NegatedOutput);
        Assert.Equal(1, metrics.Correct);
    }

    [Fact]
    public void No_samples_give_zero_figures()
    {
        var metrics = ClassifierEvaluator.Evaluate(EvaluationModels.Identity(), new LogitSamples([], []));
        Assert.Equal(new ClassificationMetrics(0, 0, 0), metrics);
    }

    [Fact]
    public void A_label_outside_the_classes_is_refused()
    {
        var error = Assert.Throws<ShearsException>(() =>
            ClassifierEvaluator.Evaluate(EvaluationModels.Identity(), new LogitSamples([[0, 0, 1]], [EvaluationModels.Classes])));
        Assert.Contains("label 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mlp_figures_equal_those_from_onnx_runtime_logits()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 5);
        const int Count = 37;
        var random = new Random(9);
        var pixels = Enumerable.Range(0, Count * ImageShape.Mnist.Size).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        var labels = Enumerable.Range(0, Count).Select(_ => random.Next(FashionMnist.ClassCount)).ToArray();
        var data = new ImageClassificationDataset(pixels, labels, ImageShape.Mnist, FashionMnist.ClassCount, Normalization.UnitRange);

        var metrics = ClassifierEvaluator.Evaluate(model, data, batchSize: 16);

        using var session = OnnxRuntimeSession.FromModel(model);
        var logits = session.Run(Tensor.FromFloats(model.Graph.Inputs[0].Name, [Count, 1, 28, 28], pixels)).Floats(model.Graph.Outputs[0].Name);
        var (correct, loss) = Score(logits, labels, FashionMnist.ClassCount);
        Assert.Equal(correct, metrics.Correct);
        Assert.Equal(loss, metrics.Loss, 4);
        Assert.True(metrics.Loss > 0);
    }

    // The reference in double: arg-max (first on ties) and mean −log softmax of the label.
    private static (int Correct, double Loss) Score(float[] logits, int[] labels, int classes)
    {
        var correct = 0;
        double loss = 0;
        for (var n = 0; n < labels.Length; n++)
        {
            var row = logits.AsSpan(n * classes, classes).ToArray().Select(v => (double)v).ToArray();
            var best = Array.IndexOf(row, row.Max());
            correct += best == labels[n] ? 1 : 0;
            var max = row.Max();
            var logSum = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            loss += logSum - row[labels[n]];
        }
        return (correct, loss / labels.Length);
    }
}
