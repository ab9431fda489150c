using Shears.IR;
using Shears.IR.Inference;
using Shears.Pruning.Rules;

namespace Shears.Pruning.Dependency;

/// <summary>
/// Builds the channel dependency graph in one pass over the nodes: every value that carries
/// prunable channels gets one element per channel, and each operator's <see cref="IPruningRule"/>
/// joins the elements that must be removed together (union-find). Connected components are the
/// pruning units. The bookkeeping methods are what rules couple channels with.
/// </summary>
internal sealed class DependencyBuilder
{
    private readonly Graph _graph;
    private readonly ShapeInferenceResult _shapes;
    private readonly ShapeInferenceResult _symbolic;
    private readonly CouplingPolicy _policy;
    private readonly long _opset;
    private readonly UnionFind _elements = new();
    private readonly Dictionary<string, (int Axis, int Base, int Size)> _tracked = new(StringComparer.Ordinal);
    private readonly List<(string Value, int Base, int Size)> _order = [];
    private readonly Dictionary<int, string> _blocked = [];
    private readonly HashSet<int> _sourceElements = [];
    private readonly HashSet<string> _headValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _layersByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _producers;

    public DependencyBuilder(Graph graph, ShapeInferenceResult shapes, ShapeInferenceResult symbolic, CouplingPolicy policy, long opset)
    {
        _symbolic = symbolic;
        _producers = graph.Producers();
        _opset = opset;
        _graph = graph;
        _shapes = shapes;
        _policy = policy;
    }

    public IReadOnlyList<DependencyGroup> Build()
    {
        foreach (var node in _graph.Nodes)
        {
            Apply(node);
        }
        foreach (var output in _graph.Outputs)
        {
            Block(output.Name, "it is a model output");
        }
        return Groups();
    }

    public Graph Graph => _graph;

    public long Opset => _opset;

    public CouplingPolicy Policy => _policy;

    /// <summary>Marks a value whose tracked axis counts attention heads, so its group is a head group.</summary>
    public void MarkHeads(string value) => _headValues.Add(value);

    private void Apply(Node node)
    {
        if (!node.IsStandard)
        {
            BlockInputs(node, $"operator {node.Domain}.{node.OpType} (node '{node.DisplayName}') downstream is opaque to Shears, so its channels stay as they are");
            return;
        }
        if (PruningRules.Find(node.OpType) is not { } rule)
        {
            BlockInputs(node, $"unknown operator {node.OpType} (node '{node.DisplayName}') downstream has no pruning rule in Shears, so its channels stay as they are");
            return;
        }
        rule.Couple(this, node);
    }

    // ---- element bookkeeping ----

    public long[] ShapeOf(string value) =>
        _shapes.ShapeOf(value) is { IsConcrete: true } s ? s.ToArray() : throw new ShearsException($"value '{value}' has no concrete shape; pruning needs every shape known");

    public int Rank(string value) => ShapeOf(value).Length;

    public bool IsTracked(string? value) => value is not null && _tracked.ContainsKey(value);

    public int AxisOf(string value) => _tracked[value].Axis;

    private int Element(string value, int index) => _tracked[value].Base + index;

    /// <summary>Starts tracking a value's axis; returns false if it is already tracked on another axis (then blocks it).</summary>
    public bool Track(string value, int axis, bool isSource = false)
    {
        if (_tracked.TryGetValue(value, out var existing))
        {
            if (existing.Axis != axis)
            {
                Block(value, $"its channels arrive on two different axes ({existing.Axis} and {axis})");
                return false;
            }
            return true;
        }
        var size = checked((int)ShapeOf(value)[axis]);
        var first = _elements.Add(size);
        _tracked[value] = (axis, first, size);
        _order.Add((value, first, size));
        if (isSource)
        {
            for (var i = 0; i < size; i++)
            {
                _sourceElements.Add(first + i);
            }
        }
        return true;
    }

    public void Join(string a, int ia, string b, int ib) => _elements.Union(Element(a, ia), Element(b, ib));

    /// <summary>Joins two values index by index along their tracked axes (same size).</summary>
    public void JoinAll(string a, string b)
    {
        var size = _tracked[a].Size;
        if (_tracked[b].Size != size)
        {
            if (_tracked[a].Size == 1 || _tracked[b].Size == 1)
            {
                // One channel broadcast against many: the single channel goes with all of them.
                var single = _tracked[a].Size == 1 ? a : b;
                var many = single == a ? b : a;
                for (var i = 0; i < _tracked[many].Size; i++)
                {
                    Join(single, 0, many, i);
                }
                return;
            }
            Block(a, $"its axis size differs from '{b}'");
            Block(b, $"its axis size differs from '{a}'");
            return;
        }
        for (var i = 0; i < size; i++)
        {
            Join(a, i, b, i);
        }
    }

    public void Block(string value, string reason)
    {
        if (_tracked.TryGetValue(value, out var t))
        {
            for (var i = 0; i < t.Size; i++)
            {
                _blocked.TryAdd(t.Base + i, $"'{value}': {reason}");
            }
        }
    }

    public void BlockInputs(Node node, string reason)
    {
        foreach (var input in node.Inputs.Where(IsTracked))
        {
            Block(input, reason);
        }
    }

    public void NoteLayer(string value, Node node)
    {
        if (!_layersByValue.TryGetValue(value, out var list))
        {
            _layersByValue[value] = list = [];
        }
        if (!list.Contains(node.DisplayName))
        {
            list.Add(node.DisplayName);
        }
    }

    public bool IsConstant(string? value) => value is not null && _graph.IsInitializer(value);

    /// <summary>A value's contents at the bound input shape, when inference knows them (shape arithmetic left unfolded).</summary>
    public Tensor? BoundContents(string value) => _graph.FindInitializer(value) ?? _shapes.ConstantOf(value);

    /// <summary>A run-time shape value's elements at every input size (symbolic where they follow the batch); null when unknown.</summary>
    public SymbolicVector? SymbolicContents(string value) => _symbolic.SymbolicOf(value);

    /// <summary>How many channels a tracked value carries on its tracked axis.</summary>
    public int SizeOf(string value) => _tracked[value].Size;

    // ---- couplings several operator families share ----

    /// <summary>The output carries the input's channels one to one on the same axis (shape-preserving ops).</summary>
    public void PassThrough(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        foreach (var output in node.Outputs.Where(o => o.Length > 0 && ShapeOf(o).Length == Rank(input!)))
        {
            if (Track(output, AxisOf(input!)))
            {
                JoinAll(input!, output);
            }
        }
    }

    /// <summary>The first output carries a tracked input's channels on the axis they arrive on.</summary>
    public void FollowSameAxis(Node node, string input)
    {
        var output = node.Outputs[0];
        if (Track(output, AxisOf(input)))
        {
            JoinAll(input, output);
        }
    }

    /// <summary>Ops that work per channel along axis 1 (NCHW): normalization, pooling, resampling.</summary>
    public void PerChannelOnAxis1(Node node, string what)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        if (AxisOf(input!) != 1)
        {
            Block(input!, $"{node.OpType} {what}, but the channels sit on axis {AxisOf(input!)}");
            return;
        }
        NoteLayer(input!, node);
        var output = node.Outputs[0];
        if (Track(output, 1))
        {
            JoinAll(input!, output);
        }
    }

    /// <summary>
    /// Ops that regroup axes (Reshape, Flatten, Squeeze, Unsqueeze): joins each input channel to the
    /// output positions it lands on; returns the mapping, or null when the channels cannot follow.
    /// </summary>
    public ReshapeMapping.Result? FollowReshape(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return null;
        }
        var output = node.Outputs[0];
        var mapping = ReshapeMapping.Map(ShapeOf(input!), AxisOf(input!), ShapeOf(output), _policy, out var reason);
        if (mapping is null)
        {
            Block(input!, reason!);
            return null;
        }
        if (!Track(output, mapping.OutputAxis))
        {
            return null;
        }
        foreach (var (i, o) in mapping.Pairs)
        {
            Join(input!, i, output, o);
        }
        return mapping;
    }

    /// <summary>Elementwise ops with numpy broadcasting over the listed inputs.</summary>
    public void Broadcast(Node node, int[] operands)
    {
        var output = node.Outputs[0];
        var outRank = Rank(output);
        int? axis = null;
        foreach (var i in operands)
        {
            var input = node.Input(i);
            if (!IsTracked(input))
            {
                continue;
            }
            var aligned = outRank - Rank(input!) + AxisOf(input!);
            if (axis is { } a && a != aligned)
            {
                BlockInputs(node, $"{node.OpType} combines values whose channels sit on different axes");
                return;
            }
            axis = aligned;
        }
        if (axis is not { } outAxis)
        {
            return;
        }
        foreach (var i in operands)
        {
            var input = node.Input(i);
            if (input is null || IsTracked(input))
            {
                continue;
            }
            var shape = ShapeOf(input);
            var offset = outAxis - (outRank - shape.Length);
            var spans = offset >= 0 && shape[offset] != 1;
            if (!spans)
            {
                continue;
            }
            if (IsConstant(input))
            {
                NoteLayer(output, node);
            }
            else if (IsExpandedConstant(input, offset))
            {
                // Its channels go with the output's; Expand's rule cuts the constant.
                Track(input, offset);
            }
            else
            {
                BlockInputs(node, $"{node.OpType} combines the channels with '{input}', which cannot lose the same channels");
                return;
            }
        }
        if (!Track(output, outAxis))
        {
            return;
        }
        foreach (var i in operands)
        {
            if (node.Input(i) is { } input && IsTracked(input))
            {
                JoinAll(input, output);
            }
        }
    }

    /// <summary>
    /// A constant repeated along other axes by Expand, such as a class token over the batch: it
    /// loses channels as the constant does when the target leaves the axis alone (1) or is itself a
    /// constant, which Expand's rule rewrites.
    /// </summary>
    private bool IsExpandedConstant(string value, int axis)
    {
        if (!_producers.TryGetValue(value, out var expand) || expand.OpType != "Expand" || !IsConstant(expand.Input(0)) || expand.Input(1) is not { } target)
        {
            return false;
        }
        var constant = ShapeOf(expand.Input(0)!);
        var offset = axis - (Rank(value) - constant.Length);
        if (offset < 0 || constant[offset] != ShapeOf(value)[axis])
        {
            return false;
        }
        if (IsConstant(target))
        {
            return true;
        }
        var entries = SymbolicContents(target)?.Elements;
        var entry = entries is null ? -1 : axis - (Rank(value) - entries.Length);
        return entries is not null && (entry < 0 || entries[entry].Value == 1);
    }

    // ---- grouping ----

    private List<DependencyGroup> Groups()
    {
        var members = new Dictionary<int, List<ChannelRef>>();
        foreach (var (value, first, size) in _order)
        {
            var axis = _tracked[value].Axis;
            for (var i = 0; i < size; i++)
            {
                var root = _elements.Find(first + i);
                if (!members.TryGetValue(root, out var list))
                {
                    members[root] = list = [];
                }
                list.Add(new ChannelRef(value, axis, i));
            }
        }
        var blockedRoots = new Dictionary<int, string>();
        foreach (var (element, reason) in _blocked)
        {
            blockedRoots.TryAdd(_elements.Find(element), reason);
        }
        var sourceRoots = _sourceElements.Select(_elements.Find).ToHashSet();

        var bySignature = new Dictionary<string, List<(int Root, List<ChannelRef> Channels)>>(StringComparer.Ordinal);
        var signatureOrder = new List<string>();
        foreach (var (root, channels) in members.OrderBy(kv => kv.Value.Min(c => _tracked[c.Value].Base + c.Index)))
        {
            var signature = string.Join("\n", channels.Select(c => c.Value).Distinct());
            if (!bySignature.TryGetValue(signature, out var units))
            {
                bySignature[signature] = units = [];
                signatureOrder.Add(signature);
            }
            units.Add((root, channels));
        }

        var groups = new List<DependencyGroup>();
        foreach (var signature in signatureOrder)
        {
            var units = bySignature[signature];
            var values = units[0].Channels.Select(c => c.Value).Distinct().OrderBy(v => _tracked[v].Base).ToList();
            var reason = units.Select(u => blockedRoots.GetValueOrDefault(u.Root)).FirstOrDefault(r => r is not null);
            if (reason is null && !units.All(u => sourceRoots.Contains(u.Root)))
            {
                reason = "no prunable layer produces these channels";
            }
            var producer = _graph.Nodes.FirstOrDefault(n => n.Outputs.Contains(values[0]))?.DisplayName ?? values[0];
            var firstIndex = units[0].Channels.Where(c => c.Value == values[0]).Min(c => c.Index);
            groups.Add(new DependencyGroup
            {
                // Groups may start in the same value (a fused projection split three ways); the first index tells them apart.
                Key = firstIndex == 0 ? $"{producer}:{values[0]}" : $"{producer}:{values[0]}@{firstIndex}",
                Kind = values.Any(_headValues.Contains) ? GroupKind.Heads : GroupKind.Channels,
                Units = [.. units.Select((u, i) => new PruningUnit(i, u.Channels))],
                Values = values,
                Layers = [.. values.SelectMany(v => _layersByValue.GetValueOrDefault(v) ?? []).Distinct()],
                BlockedReason = reason,
            });
        }
        return groups;
    }
}
