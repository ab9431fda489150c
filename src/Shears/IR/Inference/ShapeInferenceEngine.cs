namespace Shears.IR.Inference;

/// <summary>The state of one inference run over a graph.</summary>
internal sealed class ShapeInferenceEngine
{
    private readonly Graph _graph;
    private readonly long _opset;
    private readonly ShapeInferenceOptions _options;
    private readonly Dictionary<string, ValueInfo> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConstantValue> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SymbolicVector> _symbolic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConstantValue?> _initializerCache = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly List<DimAssumption> _assumptions = [];

    public ShapeInferenceEngine(Graph graph, long opset, ShapeInferenceOptions options)
    {
        _graph = graph;
        _opset = opset;
        _options = options;
    }

    public ShapeInferenceResult Run()
    {
        foreach (var (name, tensor) in _graph.Initializers)
        {
            _values[name] = new ValueInfo(name, tensor.ElementType, tensor.Shape);
        }
        foreach (var input in _graph.RuntimeInputs)
        {
            _values[input.Name] = BindInput(input);
        }
        var declared = _graph.ValueInfos.Concat(_graph.Outputs).GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var unknownOps = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);

        foreach (var node in _graph.Nodes)
        {
            var rule = node.IsStandard ? ShapeRules.Find(node.OpType) : null;
            if (rule is null)
            {
                var key = node.IsStandard ? node.OpType : $"{node.Domain}.{node.OpType}";
                if (!unknownOps.TryGetValue(key, out var names))
                {
                    unknownOps[key] = names = [];
                }
                names.Add(node.DisplayName);
            }
            else
            {
                try
                {
                    rule(new InferenceContext(this, node, _opset));
                }
                catch (UnknownShapeSignal)
                {
                    // An input is unknown; outputs fall back to the declared annotations below.
                }
            }
            foreach (var output in node.Outputs)
            {
                if (output.Length > 0 && !_values.ContainsKey(output))
                {
                    _values[output] = declared.TryGetValue(output, out var d) ? d with { Extras = null } : new ValueInfo(output, DataType.Undefined, null);
                }
            }
        }

        foreach (var (op, nodes) in unknownOps)
        {
            var shown = string.Join(", ", nodes.Take(3)) + (nodes.Count > 3 ? $" and {nodes.Count - 3} more" : "");
            _warnings.Add($"operator {op} is not known to Shears; kept as an opaque node ({shown}); shapes after it come from the model's annotations");
        }
        var unknown = _values.Values.Where(v => v.Shape is not { IsConcrete: true }).Select(v => v.Name).ToList();
        if (unknown.Count > 0 && _options.DefaultDimValue is not null)
        {
            _warnings.Add($"{unknown.Count} values have no concrete shape (first: {string.Join(", ", unknown.Take(3))})");
        }
        return new ShapeInferenceResult(_values, _constants, _symbolic, _warnings, _assumptions);
    }

    private ValueInfo BindInput(ValueInfo input)
    {
        var shape = _options.InputShapes.TryGetValue(input.Name, out var given) ? given : input.Shape;
        if (shape is null)
        {
            return input with { Extras = null };
        }
        var dims = shape.Select((d, axis) => Bind(input.Name, axis, d));
        return new ValueInfo(input.Name, input.ElementType, new Shape(dims));
    }

    // The batch axis gets the default size as always; other axes a representative one, reported.
    private Dim Bind(string input, int axis, Dim d)
    {
        if (d.IsKnown)
        {
            return d;
        }
        if (d.Symbol is { } s && _options.DimBindings.TryGetValue(s, out var bound))
        {
            return Dim.Of(bound);
        }
        if (_options.DefaultDimValue is not { } fallback)
        {
            return d;
        }
        if (axis == 0)
        {
            return Dim.Of(fallback);
        }
        var representative = _options.RepresentativeDimValue ?? fallback;
        if (!_assumptions.Exists(a => a.Symbol is not null && a.Symbol == d.Symbol))
        {
            _assumptions.Add(new DimAssumption(input, axis, d.Symbol, representative));
        }
        return Dim.Of(representative);
    }

    public ValueInfo? Lookup(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public bool IsConstant(string name) => _constants.ContainsKey(name) || _graph.Initializers.ContainsKey(name);

    public ConstantValue? ConstantOf(string name)
    {
        if (_constants.TryGetValue(name, out var value))
        {
            return value;
        }
        if (_initializerCache.TryGetValue(name, out var cached))
        {
            return cached;
        }
        ConstantValue? converted = null;
        if (_graph.Initializers.TryGetValue(name, out var tensor)
            && tensor.ElementCount <= _options.MaxConstantElements
            && ConstantValue.CanHold(tensor.ElementType))
        {
            converted = ConstantValue.FromTensor(tensor);
        }
        _initializerCache[name] = converted;
        return converted;
    }

    public void Record(string name, DataType type, Shape? shape) => _values[name] = new ValueInfo(name, type, shape);

    /// <summary>A shape value's elements: recorded as partly symbolic, or from a small integer constant.</summary>
    public SymbolicVector? SymbolicOf(string name) =>
        _symbolic.TryGetValue(name, out var value) ? value : ConstantOf(name) is { } constant ? SymbolicVector.From(constant) : null;

    /// <summary>Records a shape value; one whose elements are all known becomes a constant.</summary>
    public void RecordSymbolic(string name, SymbolicVector value)
    {
        if (value.ToConstant() is { } constant)
        {
            RecordConstant(name, constant);
            return;
        }
        _values[name] = new ValueInfo(name, value.Type, Shape.Of(value.Dims));
        _symbolic[name] = value;
    }

    public void RecordConstant(string name, ConstantValue value)
    {
        _values[name] = new ValueInfo(name, value.Type, value.Shape);
        if (value.Count <= _options.MaxConstantElements)
        {
            _constants[name] = value;
        }
    }
}
