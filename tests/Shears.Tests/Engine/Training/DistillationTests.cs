using Shears.Data;
using Shears.Engine.Training;
using Shears.Models;

namespace Shears.Tests.Engine.Training;

public sealed class DistillationTests
{
    [Theory]
    [InlineData(0.7f, 4f)]
    [InlineData(1f, 1f)]
    [InlineData(0.3f, 2.5f)]
    public void The_combined_gradient_matches_finite_differences_of_the_combined_loss(float weight, float temperature)
    {
        const int count = 3;
        const int classes = 5;
        var rng = new Random(11);
        var student = Enumerable.Range(0, count * classes).Select(_ => (float)((rng.NextDouble() * 6) - 3)).ToArray();
        var teacher = Enumerable.Range(0, count * classes).Select(_ => (float)((rng.NextDouble() * 6) - 3)).ToArray();
        int[] labels = [1, 4, 0];
        var distillation = new Distillation(ModelZoo.Build(Architecture.Mlp)) { Weight = weight, Temperature = temperature };
        double Loss(float[] logits, float[] gradient)
        {
            var (hard, _) = new SoftmaxCrossEntropy().Compute(logits, classes, labels, count, gradient);
            return distillation.Combine(hard, logits, teacher, classes, count, gradient);
        }
        var analytic = new float[student.Length];
        Loss(student, analytic);
        const float step = 1e-2f;
        for (var i = 0; i < student.Length; i++)
        {
            var up = (float[])student.Clone();
            var down = (float[])student.Clone();
            up[i] += step;
            down[i] -= step;
            var numeric = (Loss(up, new float[student.Length]) - Loss(down, new float[student.Length])) / (2 * step);
            Assert.True(Math.Abs(numeric - analytic[i]) < 2e-3, $"logit {i}: finite difference {numeric}, gradient {analytic[i]}");
        }
    }

    [Fact]
    public void The_soft_term_vanishes_when_the_student_agrees_with_its_teacher()
    {
        float[] logits = [1f, -2f, 0.5f, 3f, 0f, -1f];
        var gradient = new float[logits.Length];
        var loss = new Distillation(ModelZoo.Build(Architecture.Mlp)) { Weight = 1f }.Combine(0.9, logits, logits, 3, 2, gradient);
        Assert.Equal(0, loss, 1e-9);
        Assert.All(gradient, g => Assert.Equal(0f, g, 1e-7f));
    }

    [Fact]
    public void Trained_on_the_soft_term_alone_from_itself_a_model_keeps_its_weights()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 2);
        var data = LabelledDataset.From(FashionMnist.Load().Train).Subset([.. Enumerable.Range(0, 300)], "train");
        var trainer = new Trainer(model, new TrainingOptions { Epochs = 1, Seed = 3, Distillation = new Distillation(model) { Weight = 1f } });
        trainer.Train(data);
        var after = trainer.ToModel();
        Assert.Equal(model.Graph.Initializers["fc1.weight"].ToFloats(), after.Graph.Initializers["fc1.weight"].ToFloats());
    }

    [Theory]
    [InlineData(0f, 4f)]
    [InlineData(1.5f, 4f)]
    [InlineData(0.5f, 0.5f)]
    [InlineData(0.5f, float.PositiveInfinity)]
    public void Settings_out_of_range_are_refused_by_name(float weight, float temperature)
    {
        var options = new TrainingOptions { Distillation = new Distillation(ModelZoo.Build(Architecture.Mlp)) { Weight = weight, Temperature = temperature } };
        var error = Assert.Throws<ShearsException>(options.Validate);
        Assert.Contains("distillation", error.Message, StringComparison.Ordinal);
    }
}
