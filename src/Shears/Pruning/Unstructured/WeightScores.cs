using Shears.IR;
using Shears.Numerics;
using Shears.Pruning.Importance;

namespace Shears.Pruning.Unstructured;

/// <summary>Per-element scores of a weight for fine-grained pruning: magnitude, Taylor |w·g|, or random.</summary>
internal static class WeightScores
{
    public static float[] Of(Tensor weight, ImportanceCriterion criterion, float[]? gradient, ulong seed)
    {
        var w = weight.ToFloats();
        switch (criterion)
        {
            case ImportanceCriterion.Taylor when gradient is not null && gradient.Length == w.Length:
                for (var i = 0; i < w.Length; i++)
                {
                    w[i] = MathF.Abs(w[i] * gradient[i]);
                }
                return w;
            case ImportanceCriterion.Random:
                var rng = Rng.ForStream(seed, weight.Name);
                for (var i = 0; i < w.Length; i++)
                {
                    w[i] = rng.NextFloat();
                }
                return w;
            default:
                System.Numerics.Tensors.TensorPrimitives.Abs(w, w);
                return w;
        }
    }
}
