using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>Pooling and resampling: each channel on axis 1 is processed on its own and keeps its place.</summary>
internal sealed class PerChannelRule : IPruningRule
{
    public IEnumerable<string> OpTypes =>
        ["MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool", "Resize", "Upsample"];

    public void Couple(DependencyBuilder graph, Node node) => graph.PerChannelOnAxis1(node, "works per channel on axis 1");
}
