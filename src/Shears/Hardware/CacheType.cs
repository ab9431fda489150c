namespace Shears.Hardware;

/// <summary>What a cache holds, as sysfs names it.</summary>
public enum CacheType
{
    Data,
    Instruction,
    Unified,
}
