using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>Squeeze and Unsqueeze drop or add unit axes: the channels keep their order on the axis they move to.</summary>
internal sealed class SqueezeRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Squeeze", "Unsqueeze"];

    public void Couple(DependencyBuilder graph, Node node) => graph.FollowReshape(node);
}
