using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Structured;

namespace Shears.Pruning.Rules;

/// <summary>
/// Conv and ConvTranspose: output channels are new (filters), input channels are read on axis 1.
/// Grouped and depthwise convolutions lose whole groups, a group's inputs and outputs together.
/// </summary>
internal sealed class ConvolutionRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Conv", "ConvTranspose"];

    public void Couple(DependencyBuilder graph, Node node)
    {
        var input = node.Input(0)!;
        var output = node.Outputs[0];
        var group = (int)node.GetInt("group", 1);
        graph.NoteLayer(output, node);
        graph.Track(output, 1, isSource: true);
        var inTracked = graph.IsTracked(input) && graph.AxisOf(input) == 1;
        if (graph.IsTracked(input) && !inTracked)
        {
            graph.Block(input, "a convolution reads channels on axis 1 but they sit elsewhere");
        }
        if (inTracked)
        {
            graph.NoteLayer(input, node);
        }
        if (group == 1)
        {
            return;
        }
        var inChannels = (int)graph.ShapeOf(input)[1];
        var outChannels = (int)graph.ShapeOf(output)[1];
        var inPerGroup = inChannels / group;
        var outPerGroup = outChannels / group;
        if (!inTracked)
        {
            graph.Block(output, "a grouped convolution whose input channels cannot be pruned");
            return;
        }
        for (var g = 0; g < group; g++)
        {
            for (var i = 0; i < inPerGroup; i++)
            {
                graph.Join(input, (g * inPerGroup) + i, output, g * outPerGroup);
            }
            for (var o = 1; o < outPerGroup; o++)
            {
                graph.Join(output, g * outPerGroup, output, (g * outPerGroup) + o);
            }
        }
    }

    public void Rewrite(NodeRewriter rewriter, int index, Node node)
    {
        var input = node.Input(0)!;
        var output = node.Outputs[0];
        var transposed = node.OpType == "ConvTranspose";
        var group = (int)node.GetInt("group", 1);
        if (group == 1)
        {
            rewriter.Cut(index, 1, transposed ? 1 : 0, rewriter.Removed(output));
            rewriter.Cut(index, 1, transposed ? 0 : 1, rewriter.Removed(input));
        }
        else
        {
            // Whole groups go: the weight loses the groups' filters (and their input rows, when transposed).
            var removedOut = rewriter.Removed(output);
            rewriter.Cut(index, 1, 0, transposed ? rewriter.Removed(input) : removedOut);
            if (removedOut.Count > 0 && rewriter.Mode == StructuredMode.Remove)
            {
                var perGroup = rewriter.ShapeOf(output)[1] / group;
                node.SetAttribute(NodeAttribute.Of("group", (long)(group - (removedOut.Count / perGroup))));
            }
        }
        if (node.Input(2) is not null)
        {
            rewriter.Cut(index, 2, 0, rewriter.Removed(output));
        }
    }

    public void CollectParameters(ChannelParameters parameters, Node node)
    {
        var input = node.Input(0);
        var output = node.Outputs[0];
        var grouped = node.GetInt("group", 1) != 1;
        if (node.OpType == "ConvTranspose")
        {
            // A transposed weight is inputs × outputs/group; grouped ones have no clean per-channel slice.
            if (grouped)
            {
                return;
            }
            if (parameters.IsTracked(output))
            {
                parameters.Add(output, node.Input(1), 1, SliceRole.Weight);
                parameters.Add(output, node.Input(2), 0, SliceRole.Bias);
            }
            if (parameters.IsTracked(input))
            {
                parameters.Add(input!, node.Input(1), 0, SliceRole.Weight);
            }
            return;
        }
        if (parameters.IsTracked(output))
        {
            parameters.Add(output, node.Input(1), 0, SliceRole.Weight);
            parameters.Add(output, node.Input(2), 0, SliceRole.Bias);
        }
        if (parameters.IsTracked(input) && !grouped)
        {
            parameters.Add(input!, node.Input(1), 1, SliceRole.Weight);
        }
    }

    public int? WeightReductionAxis(Node node, Tensor weight) => node.OpType == "ConvTranspose" ? 0 : 1;
}
