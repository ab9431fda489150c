namespace Shears.Hardware.Host;

/// <summary>Whether host detection runs the micro-benchmarks.</summary>
public enum MeasurementPolicy
{
    /// <summary>Static facts only, instantly; measured figures are left empty.</summary>
    Skip,

    /// <summary>Use measurements cached for this hardware fingerprint; measure and cache when there are none.</summary>
    UseCache,

    /// <summary>Measure again and replace the cached figures.</summary>
    Remeasure,
}
