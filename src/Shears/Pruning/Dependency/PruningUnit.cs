namespace Shears.Pruning.Dependency;

/// <summary>The smallest thing structured pruning removes: a set of channels that must go together.</summary>
/// <param name="Index">Position of the unit in its group.</param>
/// <param name="Channels">Every channel the unit spans, across all coupled values.</param>
public sealed record PruningUnit(int Index, IReadOnlyList<ChannelRef> Channels);
