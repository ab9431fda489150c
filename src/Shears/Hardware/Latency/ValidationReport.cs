namespace Shears.Hardware.Latency;

/// <summary>How well a latency model ranks and sizes measured latencies.</summary>
public sealed record ValidationReport
{
    /// <summary>The runtime, threads and batch predicted and measured at.</summary>
    public required LatencySettings Settings { get; init; }

    /// <summary>The clock the measured times were read from.</summary>
    public required TimingClock Clock { get; init; }

    /// <summary>Every variant's MACs, prediction and measurement.</summary>
    public required IReadOnlyList<VariantResult> Variants { get; init; }

    /// <summary>Spearman rank correlation of predicted against measured, over all variants.</summary>
    public double Spearman => RankCorrelation.Spearman([.. Variants.Select(v => v.PredictedMs)], [.. Variants.Select(v => v.MeasuredMs)]);

    /// <summary>Median of |predicted − measured| / measured over all variants.</summary>
    public double MedianAbsoluteError => MeasurementSummary.Median(Variants.Select(v => Math.Abs(v.RelativeError)));

    /// <summary>The same figures for one source model's variants.</summary>
    public ValidationReport For(string model) => this with { Variants = [.. Variants.Where(v => v.Model == model)] };

    /// <summary>The source models' names, in the order their variants appear.</summary>
    public IReadOnlyList<string> Models => [.. Variants.Select(v => v.Model).Distinct()];
}
