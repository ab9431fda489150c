namespace Shears.Pruning;

/// <summary>Whether a ratio applies to each layer or group on its own, or to the whole model with scores compared across layers.</summary>
public enum PruningScope
{
    /// <summary>Each layer or group loses the ratio of its own units.</summary>
    Local,
    /// <summary>The ratio applies to all units of the model together, ranked by score across layers, so layers lose different amounts.</summary>
    Global,
}
