namespace Shears.Pruning.Dependency;

/// <summary>What a group's units are.</summary>
public enum GroupKind
{
    /// <summary>Channels, filters or neurons.</summary>
    Channels,

    /// <summary>Attention heads (units span a head's slice of queries, keys, values and the output projection).</summary>
    Heads,
}
