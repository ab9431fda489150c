using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Importance;

/// <summary>
/// For every value that carries prunable channels, the initializer slices that belong to its
/// channels: filters and biases of the layer producing it, input columns of the layers reading
/// it, normalization parameters and per-channel constants.
/// </summary>
public sealed class ChannelParameters
{
    private readonly Dictionary<string, List<ParameterSlice>> _byValue = new(StringComparer.Ordinal);

    public ChannelParameters(DependencyGraph dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var graph = dependencies.Model.Graph;
        var axes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var channel in dependencies.Groups.SelectMany(g => g.Units.Take(1)).SelectMany(u => u.Channels))
        {
            axes[channel.Value] = channel.Axis;
        }
        foreach (var node in graph.Nodes.Where(n => n.IsStandard))
        {
            Collect(graph, dependencies, node, axes);
        }
    }

    /// <summary>The slices of one value's channels (empty when none).</summary>
    public IReadOnlyList<ParameterSlice> Of(string value) => _byValue.TryGetValue(value, out var list) ? list : [];

    private void Add(string value, string? initializer, int axis, SliceRole role, Graph graph)
    {
        if (initializer is null || graph.FindInitializer(initializer) is not { } tensor || !DataTypes.IsFloatingPoint(tensor.ElementType))
        {
            return;
        }
        if (axis < 0)
        {
            axis += tensor.Rank;
        }
        if (!_byValue.TryGetValue(value, out var list))
        {
            _byValue[value] = list = [];
        }
        list.Add(new ParameterSlice(initializer, axis, role));
    }

    private void Collect(Graph graph, DependencyGraph dependencies, Node node, Dictionary<string, int> axes)
    {
        var input = node.Input(0);
        var output = node.Outputs.Count > 0 ? node.Outputs[0] : null;
        var inTracked = input is not null && axes.ContainsKey(input);
        var outTracked = output is not null && axes.ContainsKey(output);
        switch (node.OpType)
        {
            case "Conv":
                if (outTracked)
                {
                    Add(output!, node.Input(1), 0, SliceRole.Weight, graph);
                    Add(output!, node.Input(2), 0, SliceRole.Bias, graph);
                }
                if (inTracked && node.GetInt("group", 1) == 1)
                {
                    Add(input!, node.Input(1), 1, SliceRole.Weight, graph);
                }
                break;
            case "ConvTranspose":
                if (node.GetInt("group", 1) == 1)
                {
                    if (outTracked)
                    {
                        Add(output!, node.Input(1), 1, SliceRole.Weight, graph);
                        Add(output!, node.Input(2), 0, SliceRole.Bias, graph);
                    }
                    if (inTracked)
                    {
                        Add(input!, node.Input(1), 0, SliceRole.Weight, graph);
                    }
                }
                break;
            case "Gemm":
                var transB = node.GetInt("transB", 0) != 0;
                if (outTracked)
                {
                    Add(output!, node.Input(1), transB ? 0 : 1, SliceRole.Weight, graph);
                    if (node.Input(2) is { } c && graph.FindInitializer(c) is { Rank: >= 1 } bias && bias.Dims[^1] > 1)
                    {
                        Add(output!, c, -1, SliceRole.Bias, graph);
                    }
                }
                if (inTracked)
                {
                    Add(input!, node.Input(1), transB ? 1 : 0, SliceRole.Weight, graph);
                }
                break;
            case "MatMul":
                if (node.Input(1) is { } b && graph.IsInitializer(b))
                {
                    if (outTracked && axes[output!] == dependencies.Shapes.ShapeOf(output!)!.Rank - 1)
                    {
                        Add(output!, b, -1, SliceRole.Weight, graph);
                    }
                    if (inTracked && axes[input!] == dependencies.Shapes.ShapeOf(input!)!.Rank - 1)
                    {
                        Add(input!, b, -2, SliceRole.Weight, graph);
                    }
                }
                break;
            case "Gather":
                if (outTracked && input is not null && graph.IsInitializer(input))
                {
                    Add(output!, input, -1, SliceRole.Weight, graph);
                }
                break;
            case "BatchNormalization":
            case "InstanceNormalization":
                if (inTracked)
                {
                    Add(input!, node.Input(1), 0, SliceRole.NormScale, graph);
                    Add(input!, node.Input(2), 0, SliceRole.Other, graph);
                }
                break;
            case "LayerNormalization":
                if (inTracked)
                {
                    AddAligned(input!, node.Input(1), SliceRole.NormScale, graph, dependencies, axes);
                    AddAligned(input!, node.Input(2), SliceRole.Other, graph, dependencies, axes);
                }
                break;
            default:
                if (outTracked && OpTraits.CategoryOf(node) == OpCategory.ElementwiseBroadcast)
                {
                    foreach (var operand in node.Inputs.Where(graph.IsInitializer))
                    {
                        // A constant multiplying the channels acts as a scale (decomposed LayerNorm's gamma); others shift.
                        AddAligned(output!, operand, node.OpType == "Mul" ? SliceRole.NormScale : SliceRole.Other, graph, dependencies, axes);
                    }
                }
                break;
        }
    }

    private void AddAligned(string value, string? initializer, SliceRole role, Graph graph, DependencyGraph dependencies, Dictionary<string, int> axes)
    {
        if (initializer is null || graph.FindInitializer(initializer) is not { } tensor)
        {
            return;
        }
        var shape = dependencies.Shapes.ShapeOf(value)!;
        var offset = axes[value] - (shape.Rank - tensor.Rank);
        if (offset >= 0 && tensor.Dims[offset] == shape[axes[value]].Value)
        {
            Add(value, initializer, offset, role, graph);
        }
    }
}
