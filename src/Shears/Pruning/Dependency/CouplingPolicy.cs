namespace Shears.Pruning.Dependency;

/// <summary>
/// Which axis carries pruning through a reshape that splits one feature axis into two (as
/// attention splits features into heads × head size): heads remove whole heads, channels remove
/// the same position inside every head.
/// </summary>
public enum CouplingPolicy
{
    /// <summary>The inner axis (head size): channel pruning.</summary>
    Channels,

    /// <summary>The outer axis (heads): attention-head pruning.</summary>
    Heads,
}
