using Shears.IR;
using Shears.Pruning.Unstructured;

namespace Shears.Analysis;

/// <summary>Zero counts of a model's convolution, linear and matrix-product weights.</summary>
public sealed record Sparsity(long Weights, long Zeros, IReadOnlyList<(string Name, string Layer, long Count, long Zeros)> PerWeight)
{
    /// <summary>Zeros as a fraction of all weights, from 0 to 1; 0 when the model has no such weights.</summary>
    public double Fraction => Weights == 0 ? 0 : (double)Zeros / Weights;

    /// <summary>Counts the exactly-zero values of every weight fine-grained pruning could sparsify (convolution, linear and constant matrix-product weights).</summary>
    /// <param name="model">The model to inspect; not changed.</param>
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
