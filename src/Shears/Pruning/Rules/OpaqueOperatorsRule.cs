using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>
/// Operators Shears reads and runs but deliberately does not prune through: they rearrange, scatter
/// or normalize across channels in ways no channel mapping describes, or create values from nothing.
/// Channels that reach them stay.
/// </summary>
internal sealed class OpaqueOperatorsRule : IPruningRule
{
    /// <summary>The operators declared untouchable.</summary>
    public static readonly string[] Declared =
    [
        "GatherElements", "GatherND", "DepthToSpace", "SpaceToDepth", "ScatterND", "ScatterElements", "Scatter",
        "GroupNormalization", "LRN", "LpNormalization", "MeanVarianceNormalization", "Trilu",
        "Constant", "ConstantOfShape", "Range", "NonZero", "OneHot", "EyeLike",
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike",
        "If", "Loop", "Scan", "Einsum", "TopK",
    ];

    public IEnumerable<string> OpTypes => Declared;

    public void Couple(DependencyBuilder graph, Node node) => graph.BlockInputs(node, $"Shears cannot prune through {node.OpType}");
}
