using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>Gemm as a linear layer: features read on axis 1 of A (axis 0 with transA), new features from the stored weight B.</summary>
internal sealed class GemmRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Gemm"];

    private static bool TransposedWeight(Node node) => node.GetInt("transB", 0) != 0;

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0)!;
        var output = node.Outputs[0];
        if (graph.IsTracked(node.Input(1)))
        {
            graph.BlockInputs(node, "Gemm's weight is computed, not stored");
            return;
        }
        graph.NoteLayer(output, node);
        graph.Track(output, 1, isSource: true);
        if (graph.IsTracked(input))
        {
            // transA stores A as [K, M]: the features it sums over are on axis 0.
            var featureAxis = node.GetInt("transA", 0) != 0 ? 0 : 1;
            if (graph.AxisOf(input) != featureAxis)
            {
                graph.Block(input, $"Gemm reads features on axis {featureAxis} but the channels sit elsewhere");
                return;
            }
            graph.NoteLayer(input, node);
        }
    }

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        var transB = TransposedWeight(node);
        rewriter.Cut(index, 1, transB ? 0 : 1, rewriter.Removed(node.Outputs[0]));
        rewriter.Cut(index, 1, transB ? 1 : 0, rewriter.Removed(node.Input(0)));
        if (node.Input(2) is not null)
        {
            rewriter.CutAligned(index, 2, node.Outputs[0]);
        }
    }

    public void CollectParameters(ChannelParameters parameters, Node node)
    {
        var input = node.Input(0);
        var output = node.Outputs[0];
        var transB = TransposedWeight(node);
        if (parameters.IsTracked(output))
        {
            parameters.Add(output, node.Input(1), transB ? 0 : 1, SliceRole.Weight);
            if (node.Input(2) is { } c && parameters.Graph.FindInitializer(c) is { Rank: >= 1 } bias && bias.Dims[^1] > 1)
            {
                parameters.Add(output, c, -1, SliceRole.Bias);
            }
        }
        if (parameters.IsTracked(input))
        {
            parameters.Add(input!, node.Input(1), transB ? 1 : 0, SliceRole.Weight);
        }
    }

    public int? WeightReductionAxis(Node node, Tensor weight) => TransposedWeight(node) ? 1 : 0;
}
