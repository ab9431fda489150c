namespace Shears.Strategy;

/// <summary>One layer of a plan shown before and after: output channels (or weight sparsity), predicted latency, MACs and parameters.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Op">Its operator.</param>
/// <param name="ChannelsBefore">Output channels before (convolution and linear layers; null for others).</param>
/// <param name="ChannelsAfter">Output channels after; null when the layer is gone or has none.</param>
/// <param name="SparsityAfter">Fraction of its weight entries that are zero after, for layers with a weight.</param>
/// <param name="MsBefore">Predicted milliseconds before, at the budget's first batch.</param>
/// <param name="MsAfter">Predicted milliseconds after.</param>
/// <param name="MacsBefore">MACs at batch 1 before.</param>
/// <param name="MacsAfter">MACs after.</param>
/// <param name="ParametersBefore">Parameters before.</param>
/// <param name="ParametersAfter">Non-zero parameters after.</param>
public sealed record PlanLayerRow(
    string Name, string Op, long? ChannelsBefore, long? ChannelsAfter, double? SparsityAfter,
    double MsBefore, double MsAfter, long MacsBefore, long MacsAfter, long ParametersBefore, long ParametersAfter);
