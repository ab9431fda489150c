namespace Shears.Hardware;

/// <summary>Whether each core has its own copy of a cache or several cores share one.</summary>
public enum CacheScope
{
    /// <summary>Each core has its own instance (typically L1 and L2).</summary>
    PerCore,
    /// <summary>Several cores share one instance (typically L3).</summary>
    Shared,
}
