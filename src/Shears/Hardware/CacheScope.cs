namespace Shears.Hardware;

/// <summary>Whether each core has its own copy of a cache or several cores share one.</summary>
public enum CacheScope
{
    PerCore,
    Shared,
}
