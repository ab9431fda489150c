namespace Shears.Hardware;

/// <summary>What a cache holds, as sysfs names it.</summary>
public enum CacheType
{
    /// <summary>Holds data only (an L1d).</summary>
    Data,
    /// <summary>Holds instructions only (an L1i).</summary>
    Instruction,
    /// <summary>Holds both data and instructions (L2 and L3, usually).</summary>
    Unified,
}
