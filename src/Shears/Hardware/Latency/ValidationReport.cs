namespace Shears.Hardware.Latency;

/// <summary>How well a latency model ranks and sizes measured latencies.</summary>
public sealed record ValidationReport
{
    public required LatencySettings Settings { get; init; }

    public required TimingClock Clock { get; init; }

    public required IReadOnlyList<VariantResult> Variants { get; init; }

    /// <summary>Spearman rank correlation of predicted against measured, over all variants.</summary>
    public double Spearman => RankCorrelation.Spearman([.. Variants.Select(v => v.PredictedMs)], [.. Variants.Select(v => v.MeasuredMs)]);

    /// <summary>Median of |predicted − measured| / measured over all variants.</summary>
    public double MedianAbsoluteError => MeasurementSummary.Median(Variants.Select(v => Math.Abs(v.RelativeError)));

    /// <summary>The same figures for one source model's variants.</summary>
    public ValidationReport For(string model) => this with { Variants = [.. Variants.Where(v => v.Model == model)] };

    public IReadOnlyList<string> Models => [.. Variants.Select(v => v.Model).Distinct()];
}
