namespace Shears.Hardware.Latency;

/// <summary>One pruned variant: measured against predicted whole-model latency.</summary>
/// <param name="Model">Name of the model the variant was pruned from.</param>
/// <param name="Index">Variant number.</param>
/// <param name="Macs">Multiply-accumulates of the variant.</param>
/// <param name="MeasuredMs">Measured latency (best pass).</param>
/// <param name="PredictedMs">The latency model's prediction.</param>
public sealed record VariantResult(string Model, int Index, long Macs, double MeasuredMs, double PredictedMs)
{
    /// <summary>(predicted − measured) / measured.</summary>
    public double RelativeError => (PredictedMs - MeasuredMs) / MeasuredMs;
}
