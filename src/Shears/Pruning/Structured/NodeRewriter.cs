using Shears.IR;
using Shears.IR.Inference;
using Shears.Pruning.Rules;

namespace Shears.Pruning.Structured;

/// <summary>
/// One structured pruning's rewrite of a graph: each node's <see cref="IPruningRule"/> says which
/// of its weights lose which slices and which attributes or shape constants change; this class
/// holds what was removed and the planned initializer contents those rules read and write.
/// </summary>
internal sealed class NodeRewriter
{
    private readonly ShapeInferenceResult _shapes;
    private readonly ShapeInferenceResult _symbolic;
    private readonly List<(Node Before, Node[] Nodes)> _insertions = [];
    private readonly IReadOnlyDictionary<string, SortedSet<int>> _removed;
    private readonly IReadOnlyDictionary<string, int> _axes;
    private readonly InitializerEdits _edits;

    public NodeRewriter(Graph graph, ShapeInferenceResult shapes, ShapeInferenceResult symbolic, IReadOnlyDictionary<string, SortedSet<int>> removed, IReadOnlyDictionary<string, int> axes, StructuredMode mode)
    {
        Graph = graph;
        _shapes = shapes;
        _symbolic = symbolic;
        _removed = removed;
        _axes = axes;
        Mode = mode;
        _edits = new InitializerEdits(graph);
    }

    public Graph Graph { get; }

    public StructuredMode Mode { get; }

    public void Run()
    {
        for (var n = 0; n < Graph.Nodes.Count; n++)
        {
            var node = Graph.Nodes[n];
            if (node.IsStandard)
            {
                // Dependency analysis blocked every group an operator without a rule touches, so it has nothing to rewrite.
                PruningRules.Find(node.OpType)?.Rewrite(this, n, node);
            }
        }
        _edits.Commit();
        // Inserted after the edits: those are keyed by node index.
        foreach (var (before, nodes) in _insertions)
        {
            Graph.Nodes.InsertRange(Graph.Nodes.IndexOf(before), nodes);
        }
    }

    /// <summary>Indices removed from a value's pruned axis (empty when it loses none).</summary>
    public SortedSet<int> Removed(string? value) => value is not null && _removed.TryGetValue(value, out var set) ? set : [];

    /// <summary>The axis a value is pruned along, when it is.</summary>
    public bool TryGetAxis(string value, out int axis) => _axes.TryGetValue(value, out axis);

    public int AxisOf(string value) => _axes[value];

    public long[] ShapeOf(string value) => _shapes.ShapeOf(value)!.ToArray();

    /// <summary>A run-time shape value's elements at every input size (symbolic where they follow the batch); null when unknown.</summary>
    public SymbolicVector? SymbolicContents(string value) => _symbolic.SymbolicOf(value);

    /// <summary>
    /// Overwrites some elements of an int64 vector computed at run time: node input i becomes
    /// input · keep + values, so the elements kept (the batch) stay computed at run time.
    /// </summary>
    public void Overwrite(int n, int input, long[] keep, long[] values)
    {
        var node = Graph.Nodes[n];
        var source = node.Inputs[input];
        var keepName = Fresh($"{source}_keep");
        Graph.Initializers[keepName] = Tensor.FromInt64s(keepName, [keep.Length], keep);
        var valuesName = Fresh($"{source}_set");
        Graph.Initializers[valuesName] = Tensor.FromInt64s(valuesName, [values.Length], values);
        var kept = Fresh($"{source}_kept");
        var rewritten = Fresh($"{source}_pruned");
        _insertions.Add((node, [
            new Node("Mul", [source, keepName], [kept], kept),
            new Node("Add", [kept, valuesName], [rewritten], rewritten),
        ]));
        node.Inputs[input] = rewritten;
    }

    private string Fresh(string name)
    {
        var candidate = name;
        for (var i = 1; Graph.Initializers.ContainsKey(candidate) || Graph.Nodes.Any(n => n.Outputs.Contains(candidate)) || _insertions.Exists(p => Array.Exists(p.Nodes, x => x.Outputs.Contains(candidate))); i++)
        {
            candidate = $"{name}_{i}";
        }
        return candidate;
    }

    /// <summary>The planned content of node input i (an edit, or the original initializer).</summary>
    public Tensor? Current(int node, int input) => _edits.Current(node, input);

    public void Set(int node, int input, Tensor content) => _edits.Set(node, input, content);

    /// <summary>Slices (or, in mask mode, zeroes) node input i along an axis.</summary>
    public void Cut(int n, int input, int axis, IReadOnlyCollection<int> indices)
    {
        if (indices.Count == 0 || _edits.Current(n, input) is not { } tensor)
        {
            return;
        }
        if (axis < 0)
        {
            axis += tensor.Rank;
        }
        _edits.Set(n, input, Mode == StructuredMode.Remove ? TensorSlicing.Remove(tensor, axis, indices) : TensorSlicing.Zero(tensor, axis, indices));
    }

    /// <summary>Cuts a constant operand aligned (numpy broadcasting) with a pruned output axis, when it spans that axis.</summary>
    public void CutAligned(int n, int input, string output)
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

    /// <summary>Cuts every constant operand aligned with the node's pruned first output.</summary>
    public void CutAlignedConstants(int n, Node node)
    {
        var output = node.Outputs.Count > 0 ? node.Outputs[0] : "";
        for (var i = 0; i < node.Inputs.Count; i++)
        {
            if (node.Input(i) is { } name && Graph.IsInitializer(name) && output.Length > 0 && _axes.ContainsKey(output))
            {
                CutAligned(n, i, output);
            }
        }
    }

    /// <summary>A shape or index constant of the same element type (int32 or int64) holding new values.</summary>
    public static Tensor Typed(Tensor like, long[] values) => like.ElementType == DataType.Int32
        ? Tensor.FromInt32s(like.Name, like.Dims, [.. values.Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue))])
        : Tensor.FromInt64s(like.Name, like.Dims, values);
}
