using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>Pad and Tile carry the channels through as long as they leave the channel axis's size alone.</summary>
internal sealed class PadTileRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Pad", "Tile"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (!graph.IsTracked(input))
        {
            return;
        }
        var axis = graph.AxisOf(input!);
        if (graph.ShapeOf(input!)[axis] != graph.ShapeOf(node.Outputs[0])[axis])
        {
            graph.Block(input!, $"{node.OpType} changes the channel axis");
            return;
        }
        graph.FollowSameAxis(node, input!);
    }
}
