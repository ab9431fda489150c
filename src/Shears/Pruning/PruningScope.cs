namespace Shears.Pruning;

/// <summary>Whether a ratio applies to each layer or group on its own, or to the whole model with scores compared across layers.</summary>
public enum PruningScope
{
    Local,
    Global,
}
