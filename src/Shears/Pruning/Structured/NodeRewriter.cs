using Shears.IR;
using Shears.IR.Inference;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Structured;

/// <summary>Per-operator rewrites for one structured pruning: which weights lose which slices, which constants change.</summary>
internal sealed class NodeRewriter
{
    private readonly Graph _graph;
    private readonly ShapeInferenceResult _shapes;
    private readonly IReadOnlyDictionary<string, SortedSet<int>> _removed;
    private readonly IReadOnlyDictionary<string, int> _axes;
    private readonly StructuredMode _mode;
    private readonly InitializerEdits _edits;

    public NodeRewriter(Graph graph, ShapeInferenceResult shapes, IReadOnlyDictionary<string, SortedSet<int>> removed, IReadOnlyDictionary<string, int> axes, StructuredMode mode)
    {
        _graph = graph;
        _shapes = shapes;
        _removed = removed;
        _axes = axes;
        _mode = mode;
        _edits = new InitializerEdits(graph);
    }

    public void Run()
    {
        for (var n = 0; n < _graph.Nodes.Count; n++)
        {
            Rewrite(n, _graph.Nodes[n]);
        }
        _edits.Commit();
    }

    private SortedSet<int> Removed(string? value) => value is not null && _removed.TryGetValue(value, out var set) ? set : [];

    private long[] ShapeOf(string value) => _shapes.ShapeOf(value)!.ToArray();

    /// <summary>Slices (or, in mask mode, zeroes) node input i along an axis.</summary>
    private void Cut(int n, int input, int axis, IReadOnlyCollection<int> indices)
    {
        if (indices.Count == 0 || _edits.Current(n, input) is not { } tensor)
        {
            return;
        }
        if (axis < 0)
        {
            axis += tensor.Rank;
        }
        _edits.Set(n, input, _mode == StructuredMode.Remove ? TensorSlicing.Remove(tensor, axis, indices) : TensorSlicing.Zero(tensor, axis, indices));
    }

    /// <summary>Cuts a constant operand aligned (numpy broadcasting) with a pruned output axis, when it spans that axis.</summary>
    private void CutAligned(int n, int input, string output)
    {
        var removed = Removed(output);
        if (removed.Count == 0 || _edits.Current(n, input) is not { } tensor)
        {
            return;
        }
        var outShape = ShapeOf(output);
        var offset = _axes[output] - (outShape.Length - tensor.Rank);
        if (offset >= 0 && tensor.Dims[offset] == outShape[_axes[output]])
        {
            Cut(n, input, offset, removed);
        }
    }

    private void Rewrite(int n, Node node)
    {
        if (!node.IsStandard)
        {
            return;
        }
        var input = node.Input(0);
        var output = node.Outputs.Count > 0 ? node.Outputs[0] : "";
        switch (node.OpType)
        {
            case "Conv":
                Conv(n, node, input!, output, transposed: false);
                break;
            case "ConvTranspose":
                Conv(n, node, input!, output, transposed: true);
                break;
            case "Gemm":
                var transB = node.GetInt("transB", 0) != 0;
                Cut(n, 1, transB ? 0 : 1, Removed(output));
                Cut(n, 1, transB ? 1 : 0, Removed(input));
                if (node.Input(2) is not null)
                {
                    CutAligned(n, 2, output);
                }
                break;
            case "MatMul":
                if (_graph.IsInitializer(node.Inputs[1]))
                {
                    if (_axes.TryGetValue(input!, out var a) && a == ShapeOf(input!).Length - 1)
                    {
                        Cut(n, 1, -2, Removed(input));
                    }
                    if (_axes.TryGetValue(output, out var o) && o == ShapeOf(output).Length - 1)
                    {
                        Cut(n, 1, -1, Removed(output));
                    }
                }
                break;
            case "BatchNormalization":
            case "InstanceNormalization":
                for (var i = 1; i < node.Inputs.Count; i++)
                {
                    // In mask mode running statistics stay: zero scale and bias already silence the channel.
                    if (_mode == StructuredMode.Remove || i <= 2)
                    {
                        Cut(n, i, 0, Removed(input));
                    }
                }
                break;
            case "LayerNormalization":
                for (var i = 1; i < node.Inputs.Count; i++)
                {
                    CutAligned(n, i, output);
                }
                break;
            case "Split":
                Split(n, node, input!);
                break;
            case "Gather":
                if (_graph.IsInitializer(input!) && _axes.TryGetValue(output, out var embedding) && embedding == ShapeOf(output).Length - 1)
                {
                    Cut(n, 0, -1, Removed(output));
                }
                break;
            case "Slice":
                Slice(n, node, input!);
                break;
            case "Reshape":
                if (_mode == StructuredMode.Remove && (Removed(output).Count > 0 || Removed(input).Count > 0))
                {
                    Reshape(n, node, output);
                }
                break;
            case "Expand":
                CutAligned(n, 0, output);
                if (_mode == StructuredMode.Remove && Removed(output).Count > 0)
                {
                    ResizeShapeConstant(n, 1, output);
                }
                break;
            default:
                var category = OpTraits.CategoryOf(node);
                if (category is OpCategory.ElementwiseBroadcast || node.OpType == "Concat")
                {
                    for (var i = 0; i < node.Inputs.Count; i++)
                    {
                        if (node.Input(i) is { } name && _graph.IsInitializer(name) && output.Length > 0 && _axes.ContainsKey(output))
                        {
                            CutAligned(n, i, output);
                        }
                    }
                }
                break;
        }
    }

    private void Conv(int n, Node node, string input, string output, bool transposed)
    {
        var group = (int)node.GetInt("group", 1);
        var outAxis = transposed ? 1 : 0;
        var inAxis = transposed ? 0 : 1;
        if (group == 1)
        {
            Cut(n, 1, outAxis, Removed(output));
            Cut(n, 1, inAxis, Removed(input));
        }
        else
        {
            // Whole groups go: the weight loses the groups' filters (and their input rows, when transposed).
            var removedOut = Removed(output);
            if (!transposed)
            {
                Cut(n, 1, 0, removedOut);
            }
            else
            {
                Cut(n, 1, 0, Removed(input));
            }
            if (removedOut.Count > 0 && _mode == StructuredMode.Remove)
            {
                var outChannels = ShapeOf(output)[1];
                var perGroup = outChannels / group;
                node.SetAttribute(NodeAttribute.Of("group", (long)(group - (removedOut.Count / perGroup))));
            }
        }
        if (node.Input(2) is not null)
        {
            Cut(n, 2, 0, Removed(output));
        }
    }

    private void Split(int n, Node node, string input)
    {
        var removed = Removed(input);
        if (removed.Count == 0 || _mode == StructuredMode.Mask)
        {
            return;
        }
        var rank = ShapeOf(input).Length;
        var axis = (int)node.GetInt("axis", 0);
        axis = axis < 0 ? axis + rank : axis;
        if (axis != _axes[input])
        {
            return;
        }
        var sizes = new List<long>();
        var offset = 0L;
        foreach (var output in node.Outputs)
        {
            var size = ShapeOf(output)[axis];
            sizes.Add(size - removed.Count(i => i >= offset && i < offset + size));
            offset += size;
        }
        if (node.GetInts("split") is not null)
        {
            node.SetAttribute(NodeAttribute.Of("split", [.. sizes]));
        }
        else if (node.Input(1) is not null)
        {
            _edits.Set(n, 1, Tensor.Vector(node.Inputs[1], [.. sizes]));
        }
        else if (sizes.Distinct().Count() != 1)
        {
            // Equal splits that are no longer equal need explicit sizes.
            node.Inputs.Add("");
            var name = $"{node.DisplayName}_split_sizes";
            _graph.Initializers[name] = Tensor.Vector(name, [.. sizes]);
            node.Inputs[1] = name;
            node.RemoveAttribute("num_outputs");
        }
    }

    private void Slice(int n, Node node, string input)
    {
        var removed = Removed(input);
        if (removed.Count == 0 || _mode == StructuredMode.Mask)
        {
            return;
        }
        var shape = ShapeOf(input);
        if (SliceRange.Find(_graph, node, shape, _axes[input]) is not { } range)
        {
            return;
        }
        var before = removed.Count(i => i < range.Start);
        var inside = removed.Count(i => i >= range.Start && i < range.Start + range.Count);
        var start = range.Start - before;
        var end = start + range.Count - inside;
        if (node.Inputs.Count <= 1)
        {
            var starts = node.GetInts("starts")!;
            var ends = node.GetInts("ends")!;
            starts[range.InputIndex] = start;
            ends[range.InputIndex] = end;
            node.SetAttribute(NodeAttribute.Of("starts", starts));
            node.SetAttribute(NodeAttribute.Of("ends", ends));
            return;
        }
        var startValues = _edits.Current(n, 1)!.ToInt64s();
        var endValues = _edits.Current(n, 2)!.ToInt64s();
        startValues[range.InputIndex] = start;
        endValues[range.InputIndex] = end;
        _edits.Set(n, 1, Typed(_edits.Current(n, 1)!, startValues));
        _edits.Set(n, 2, Typed(_edits.Current(n, 2)!, endValues));
    }

    private void Reshape(int n, Node node, string output)
    {
        var outShape = ShapeOf(output);
        var newShape = (long[])outShape.Clone();
        if (_axes.TryGetValue(output, out var axis))
        {
            newShape[axis] -= Removed(output).Count;
        }
        if (node.Inputs.Count < 2)
        {
            // Opset 1–4 keeps the target in an attribute.
            var target = node.GetInts("shape")!;
            node.SetAttribute(NodeAttribute.Of("shape", Updated(target, newShape)));
            return;
        }
        var current = _edits.Current(n, 1) ?? throw new ShearsException($"node '{node.DisplayName}': Reshape target is computed at run time; Shears needs it constant to prune through it");
        _edits.Set(n, 1, Typed(current, Updated(current.ToInt64s(), newShape)));
    }

    /// <summary>Writes new sizes into a target shape, keeping 0 (copy) and −1 (infer) entries that still work.</summary>
    private static long[] Updated(long[] target, long[] newShape)
    {
        var result = (long[])target.Clone();
        for (var i = 0; i < result.Length && i < newShape.Length; i++)
        {
            if (result[i] > 0)
            {
                result[i] = newShape[i];
            }
        }
        return result;
    }

    private void ResizeShapeConstant(int n, int input, string output)
    {
        if (_edits.Current(n, input) is not { } shape)
        {
            return;
        }
        var values = shape.ToInt64s();
        var outShape = ShapeOf(output);
        var axis = _axes[output];
        var offset = axis - (outShape.Length - values.Length);
        if (offset >= 0 && values[offset] == outShape[axis])
        {
            values[offset] -= Removed(output).Count;
            _edits.Set(n, input, Typed(shape, values));
        }
    }

    private static Tensor Typed(Tensor like, long[] values) => like.ElementType == DataType.Int32
        ? Tensor.FromInt32s(like.Name, like.Dims, [.. values.Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue))])
        : Tensor.FromInt64s(like.Name, like.Dims, values);
}
