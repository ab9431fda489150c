using Shears.Analysis;
using Shears.IR;
using Shears.Numerics;

namespace Shears.Hardware.Latency;

/// <summary>
/// Checks a latency model against a meter: prunes each model into seeded variants, predicts each,
/// and measures each in interleaved passes (every variant once per pass, in a shuffled order), so
/// slow spells of a busy machine fall on all variants alike instead of on a few. A variant's figure
/// is its best pass (a busy machine only ever adds time), as in the latency tables.
/// </summary>
public static class LatencyModelValidation
{
    /// <summary>Predicts and measures seeded pruned variants of every model, for comparing the latency model's ranking and error with measured times.</summary>
    /// <param name="models">Models to vary, each with the name the report gives it.</param>
    /// <param name="latencyModel">The model under test.</param>
    /// <param name="meter">Times the variants on this machine.</param>
    /// <param name="options">Variants per model, pruning range, seed, passes and measurement settings.</param>
    /// <param name="progress">Receives one line per model pruned and per measuring pass; may be null.</param>
    /// <returns>Each variant's MACs, predicted time and best measured pass.</returns>
    public static ValidationReport Run(
        IReadOnlyList<(string Name, Model Model)> models,
        ILatencyModel latencyModel,
        ILatencyMeter meter,
        ValidationOptions options,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(latencyModel);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Measurement.Settings;
        var variants = new List<(string Name, int Index, Model Model, double Predicted, long Macs)>();
        foreach (var (name, model) in models)
        {
            progress?.Report($"{name}: pruning {options.VariantsPerModel} variants");
            var index = 0;
            foreach (var variant in PrunedVariants.Make(model, options.VariantsPerModel, options.Seed, options.MaxRatio, name))
            {
                var predicted = latencyModel.Predict(variant, settings).TotalMs;
                var macs = ModelAnalyzer.Analyze(variant).Macs;
                variants.Add((name, index++, variant, predicted, macs));
            }
        }
        var measured = variants.Select(_ => new List<double>()).ToList();
        var clock = options.Measurement.Clock;
        for (var round = 0; round < options.Rounds; round++)
        {
            progress?.Report($"measuring pass {round + 1} of {options.Rounds}");
            // A fresh order each pass, so no variant always follows the same neighbour or opens the pass.
            foreach (var i in Rng.ForStream(options.Seed, $"validation-pass/{round}").Permutation(variants.Count))
            {
                var measurement = meter.Measure(variants[i].Model, options.Measurement);
                measured[i].Add(measurement.MedianMs);
                clock = measurement.Clock;
            }
        }
        return new ValidationReport
        {
            Settings = settings,
            Clock = clock,
            Variants = [.. variants.Select((v, i) => new VariantResult(v.Name, v.Index, v.Macs, measured[i].Min(), v.Predicted))],
        };
    }
}
