namespace Shears.Hardware.Latency;

/// <summary>
/// Picks the latency model for a target: tables measured on it at the setting asked for when the
/// store has them (with a roofline fitted to those tables for the rest), else the roofline from
/// the target's profile alone.
/// </summary>
public static class LatencyModels
{
    /// <summary>The best latency model available for <paramref name="profile"/> at <paramref name="settings"/>.</summary>
    /// <param name="profile">The target; measured tables are looked up by its fingerprint, which a detected host has.</param>
    /// <param name="settings">The runtime, threads and batch the tables must have been measured at.</param>
    /// <param name="store">Where measured tables are kept; null to use the roofline alone.</param>
    public static ILatencyModel ForTarget(HardwareProfile profile, LatencySettings settings, LatencyTableStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(settings);
        if (store is not null && profile.Fingerprint is { } fingerprint && store.TryLoad(fingerprint, settings) is { } table)
        {
            return new MeasuredLatencyModel(table, CalibratedLatencyModel.Fit(profile, table));
        }
        return new AnalyticLatencyModel(profile);
    }
}
