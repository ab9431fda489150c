namespace Shears.Pruning.Dependency;

/// <summary>
/// Units coupled the same way: removing unit k of the group removes, for each member value, the
/// channels unit k spans. All units of a group touch the same values.
/// </summary>
public sealed record DependencyGroup
{
    /// <summary>Stable name: the producing layer of the group's first value and that value.</summary>
    public required string Key { get; init; }

    /// <summary>Whether the units are channels or attention heads.</summary>
    public required GroupKind Kind { get; init; }

    /// <summary>The group's units; removing unit k removes the channels it spans in every member value.</summary>
    public required IReadOnlyList<PruningUnit> Units { get; init; }

    /// <summary>Values whose pruned axis the group shrinks, in graph order.</summary>
    public required IReadOnlyList<string> Values { get; init; }

    /// <summary>Nodes whose weights or attributes change when the group shrinks.</summary>
    public required IReadOnlyList<string> Layers { get; init; }

    /// <summary>Null when the group can be pruned; otherwise why not.</summary>
    public string? BlockedReason { get; init; }

    /// <summary>True when nothing blocks pruning the group.</summary>
    public bool IsPrunable => BlockedReason is null;
}
