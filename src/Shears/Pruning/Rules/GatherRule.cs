using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// Gather from a stored 2-D table on axis 0 is an embedding: the table's columns are new channels.
/// Gather from a tracked value carries its channels along, unless it picks along the channel axis.
/// </summary>
internal sealed class GatherRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Gather"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0);
        if (graph.IsConstant(input) && node.GetInt("axis", 0) == 0 && graph.Rank(input!) == 2)
        {
            var embedded = node.Outputs[0];
            graph.NoteLayer(embedded, node);
            graph.Track(embedded, graph.Rank(embedded) - 1, isSource: true);
            return;
        }
        if (!graph.IsTracked(input))
        {
            return;
        }
        var rank = graph.Rank(input!);
        var axis = (int)node.GetInt("axis", 0);
        axis = axis < 0 ? axis + rank : axis;
        var tracked = graph.AxisOf(input!);
        if (axis == tracked)
        {
            graph.Block(input!, "Gather picks along the channel axis");
            return;
        }
        var indicesRank = graph.Rank(node.Input(1)!);
        var outAxis = tracked < axis ? tracked : tracked - 1 + indicesRank;
        if (graph.Track(node.Outputs[0], outAxis))
        {
            graph.JoinAll(input!, node.Outputs[0]);
        }
    }

    private static bool IsEmbedding(Graph graph, Node node) => node.Input(0) is { } table && graph.IsInitializer(table);

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        var output = node.Outputs[0];
        if (IsEmbedding(rewriter.Graph, node) && rewriter.TryGetAxis(output, out var axis) && axis == rewriter.ShapeOf(output).Length - 1)
        {
            rewriter.Cut(index, 0, -1, rewriter.Removed(output));
        }
    }

    public void CollectParameters(ChannelParameters parameters, Node node)
    {
        var output = node.Outputs[0];
        if (parameters.IsTracked(output) && IsEmbedding(parameters.Graph, node))
        {
            parameters.Add(output, node.Input(0), -1, SliceRole.Weight);
        }
    }
}
