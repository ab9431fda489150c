namespace Shears.Pruning.Dependency;

/// <summary>One index along the pruned axis of one value.</summary>
/// <param name="Value">The value's name.</param>
/// <param name="Axis">The axis pruning acts on.</param>
/// <param name="Index">The index along that axis.</param>
public readonly record struct ChannelRef(string Value, int Axis, int Index);
