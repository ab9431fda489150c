using Shears.Data;
using Shears.Models;
using Shears.Pruning;
using Shears.Pruning.Importance;

namespace Shears.Tests.Pruning;

public sealed class TaylorTests
{
    /// <summary>Sixty-four synthetic labelled samples: enough to give every weight a gradient.</summary>
    private sealed class SyntheticImages : IBatchSource
    {
        public int Count => 64;

        public IReadOnlyList<int> SampleShape => [1, 28, 28];

        public void CopyBatch(ReadOnlySpan<int> indices, Span<float> samples, Span<int> labels)
        {
            for (var i = 0; i < indices.Length; i++)
            {
                for (var p = 0; p < 784; p++)
                {
                    samples[(i * 784) + p] = MathF.Sin((indices[i] + 1) * (p + 1) * 0.01f);
                }
                labels[i] = indices[i] % 10;
            }
        }
    }

    [Fact]
    public void Gradients_cover_every_trainable_weight_and_drive_the_taylor_plan()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 21);
        var gradients = GradientSampler.Compute(model, new SyntheticImages(), samples: 64, batchSize: 16);
        Assert.Contains("fc1.weight", gradients.Keys);
        Assert.Contains(gradients["fc1.weight"], g => g != 0f);
        var plan = Pruner.Plan(model, new PruningOptions { Ratio = 0.25, Criterion = ImportanceCriterion.Taylor }, gradients);
        Assert.Equal(32, plan.Groups.Single().Removed.Count);
        Assert.DoesNotContain(plan.Notes, n => n.Contains("instead of taylor", StringComparison.Ordinal));
        Assert.NotEqual(Pruner.Plan(model, new PruningOptions { Ratio = 0.25 }).Groups.Single().Removed, plan.Groups.Single().Removed);
    }

    [Fact]
    public void Taylor_without_gradients_is_refused()
    {
        var error = Assert.Throws<InvalidOptionException>(() => Pruner.Plan(ModelZoo.Build(Architecture.Mlp), new PruningOptions { Ratio = 0.5, Criterion = ImportanceCriterion.Taylor }));
        Assert.Contains("needs gradients", error.Message, StringComparison.Ordinal);
    }
}
