namespace Shears.Hardware.Latency;

/// <summary>
/// An analytic model whose efficiencies are fitted on the host: for each layer family in a
/// measured table, the median share of peak its full-size layers reached. The roofline then
/// speaks for layers no table covers with the host's own numbers instead of defaults.
/// </summary>
public static class CalibratedLatencyModel
{
    /// <summary>A roofline for <paramref name="profile"/> whose per-family efficiencies are fitted to <paramref name="table"/>'s full-size measurements.</summary>
    /// <param name="profile">The host the table was measured on.</param>
    /// <param name="table">Measured layer latencies; families it lacks keep their efficiency from <paramref name="start"/>.</param>
    /// <param name="start">Constants to start from; <see cref="AnalyticConstants.Default"/> when null.</param>
    public static AnalyticLatencyModel Fit(HardwareProfile profile, LatencyTable table, AnalyticConstants? start = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(table);
        var constants = start ?? AnalyticConstants.Default;
        // At efficiency 1 the roofline gives the ideal time; measured time over it is 1/efficiency.
        var ideal = new AnalyticLatencyModel(profile, new AnalyticConstants
        {
            ConvolutionEfficiency = 1,
            DepthwiseEfficiency = 1,
            GroupedEfficiency = 1,
            LinearEfficiency = 1,
        });
        foreach (var family in table.Layers.Where(layer => layer.FullMs > 0).GroupBy(layer => layer.Signature.Kind))
        {
            var shares = family.Select(layer => ideal.SignatureMs(layer.Signature, table.Settings) / layer.FullMs).ToList();
            constants = constants.WithEfficiency(family.Key, Math.Clamp(MeasurementSummary.Median(shares), 0.01, 1));
        }
        return new AnalyticLatencyModel(profile, constants);
    }
}
