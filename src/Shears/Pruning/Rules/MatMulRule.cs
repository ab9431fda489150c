using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// MatMul: with a stored weight it is a linear layer (features are the weight's rows, its columns
/// new channels); between two activations (attention) the contracted axes join and rows, columns
/// and batch axes flow to the output.
/// </summary>
internal sealed class MatMulRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["MatMul"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var a = node.Input(0)!;
        var b = node.Input(1)!;
        var output = node.Outputs[0];
        var aShape = graph.ShapeOf(a);
        var bShape = graph.ShapeOf(b);
        var outRank = graph.Rank(output);
        if (graph.IsConstant(b) && !graph.IsTracked(a) && bShape.Length >= 2)
        {
            graph.NoteLayer(output, node);
            graph.Track(output, outRank - 1, isSource: true);
            return;
        }
        if (graph.IsConstant(b) && bShape.Length >= 2)
        {
            if (graph.AxisOf(a) != aShape.Length - 1)
            {
                if (aShape.Length >= 2 && graph.AxisOf(a) == aShape.Length - 2)
                {
                    graph.BlockInputs(node, "a weight multiplies rows of a tracked value");
                    return;
                }
                var batchAxis = outRank - aShape.Length + graph.AxisOf(a);
                if (graph.Track(output, batchAxis))
                {
                    graph.JoinAll(a, output);
                }
                return;
            }
            graph.NoteLayer(a, node);
            graph.NoteLayer(output, node);
            graph.Track(output, outRank - 1, isSource: true);
            return;
        }
        if (aShape.Length < 2 || bShape.Length < 2)
        {
            graph.BlockInputs(node, "MatMul of vectors");
            return;
        }
        CoupleActivations(graph, node, a, b, aShape, bShape, output, outRank);
    }

    private static void CoupleActivations(DependencyBuilder graph, Node node, string a, string b, long[] aShape, long[] bShape, string output, int outRank)
    {
        var outAxis = -1;
        void Flow(string operand, int axisInOutput)
        {
            if (outAxis >= 0 && outAxis != axisInOutput)
            {
                graph.Block(operand, "MatMul would carry channels on two output axes");
                return;
            }
            outAxis = axisInOutput;
        }
        var aAxis = graph.IsTracked(a) ? graph.AxisOf(a) : -1;
        var bAxis = graph.IsTracked(b) ? graph.AxisOf(b) : -1;
        var aContracts = aAxis == aShape.Length - 1;
        var bContracts = bAxis == bShape.Length - 2;
        if (aContracts != bContracts)
        {
            var (tracked, other) = aContracts ? (a, b) : (b, a);
            if (graph.IsConstant(other))
            {
                graph.NoteLayer(tracked, node);
            }
            else
            {
                graph.Block(tracked, "it is contracted with a value whose channels cannot be pruned with it");
            }
        }
        else if (aContracts && bContracts)
        {
            for (var i = 0; i < graph.SizeOf(a); i++)
            {
                graph.Join(a, i, b, i);
            }
        }
        if (aAxis >= 0 && !aContracts)
        {
            Flow(a, aAxis == aShape.Length - 2 ? outRank - 2 : outRank - aShape.Length + aAxis);
        }
        if (bAxis >= 0 && !bContracts)
        {
            Flow(b, bAxis == bShape.Length - 1 ? outRank - 1 : outRank - bShape.Length + bAxis);
        }
        if (outAxis < 0 || !graph.Track(output, outAxis))
        {
            return;
        }
        if (aAxis >= 0 && !aContracts)
        {
            graph.JoinAll(a, output);
        }
        if (bAxis >= 0 && !bContracts)
        {
            graph.JoinAll(b, output);
        }
    }

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        if (!rewriter.Graph.IsInitializer(node.Inputs[1]))
        {
            return;
        }
        var input = node.Input(0)!;
        var output = node.Outputs[0];
        if (rewriter.TryGetAxis(input, out var a) && a == rewriter.ShapeOf(input).Length - 1)
        {
            rewriter.Cut(index, 1, -2, rewriter.Removed(input));
        }
        if (rewriter.TryGetAxis(output, out var o) && o == rewriter.ShapeOf(output).Length - 1)
        {
            rewriter.Cut(index, 1, -1, rewriter.Removed(output));
        }
    }

    public void CollectParameters(ChannelParameters parameters, Node node)
    {
        if (node.Input(1) is not { } b || !parameters.Graph.IsInitializer(b))
        {
            return;
        }
        var input = node.Input(0);
        var output = node.Outputs[0];
        if (parameters.IsTracked(output) && parameters.AxisOf(output) == parameters.RankOf(output) - 1)
        {
            parameters.Add(output, b, -1, SliceRole.Weight);
        }
        if (parameters.IsTracked(input) && parameters.AxisOf(input!) == parameters.RankOf(input!) - 1)
        {
            parameters.Add(input!, b, -2, SliceRole.Weight);
        }
    }

    public int? WeightReductionAxis(Node node, Tensor weight) => weight.Rank - 2;
}
