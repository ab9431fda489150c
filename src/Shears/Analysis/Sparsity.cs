using Shears.IR;
using Shears.Pruning.Unstructured;

namespace Shears.Analysis;

/// <summary>Zero counts of a model's convolution, linear and matrix-product weights.</summary>
public sealed record Sparsity(long Weights, long Zeros, IReadOnlyList<(string Name, string Layer, long Count, long Zeros)> PerWeight)
{
    public double Fraction => Weights == 0 ? 0 : (double)Zeros / Weights;

    public static Sparsity Of(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<(string, string, long, long)>();
        foreach (var weight in PrunableWeights.Find(model.Graph))
        {
            var values = model.Graph.Initializers[weight.Initializer].AsFloats();
            long zeros = 0;
            foreach (var v in values)
            {
                if (v == 0f)
                {
                    zeros++;
                }
            }
            rows.Add((weight.Initializer, weight.Layer, values.Length, zeros));
        }
        return new Sparsity(rows.Sum(r => r.Item3), rows.Sum(r => r.Item4), rows);
    }
}
