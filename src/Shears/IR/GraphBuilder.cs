namespace Shears.IR;

/// <summary>
/// Builds graphs in code: declare inputs and initializers, add nodes (their outputs get fresh
/// names), mark outputs. Used by the model builders and by tests.
/// </summary>
public sealed class GraphBuilder
{
    private readonly Graph _graph;
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph with the given name.</summary>
    public GraphBuilder(string name = "graph") => _graph = new Graph { Name = name };

    /// <summary>The graph built so far (not a copy).</summary>
    public Graph Graph => _graph;

    /// <summary>Declares a graph input of the given type and shape (dimensions may be symbolic) and returns its name.</summary>
    public string Input(string name, DataType type, params Dim[] dims)
    {
        _graph.Inputs.Add(new ValueInfo(name, type, new Shape(dims)));
        return name;
    }

    /// <summary>Declares a float graph input of fixed shape and returns its name.</summary>
    public string Input(string name, params long[] dims) => Input(name, DataType.Float, [.. dims.Select(d => Dim.Of(d))]);

    /// <summary>Adds (or replaces) an initializer under the tensor's own name and returns that name.</summary>
    public string Initializer(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        _graph.Initializers[tensor.Name] = tensor;
        return tensor.Name;
    }

    /// <summary>Adds a float initializer of the given shape and values and returns its name.</summary>
    public string Initializer(string name, long[] dims, float[] values) => Initializer(Tensor.FromFloats(name, dims, values));

    /// <summary>An int64 vector initializer (shapes, axes), named uniquely.</summary>
    public string Vector(string hint, params long[] values) => Initializer(Tensor.Vector(Fresh(hint), values));

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Add(string opType, IEnumerable<string> inputs, params NodeAttribute[] attributes) =>
        AddMany(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with several outputs and returns their names.</summary>
    public string[] AddMany(string opType, IEnumerable<string> inputs, int outputCount, params NodeAttribute[] attributes)
    {
        var name = Fresh(opType);
        var outputs = Enumerable.Range(0, outputCount).Select(i => outputCount == 1 ? $"{name}_out" : $"{name}_out{i}").ToArray();
        var node = new Node(opType, inputs, outputs, name);
        node.Attributes.AddRange(attributes);
        _graph.Nodes.Add(node);
        return outputs;
    }

    /// <summary>Adds a fully specified node.</summary>
    public Node AddNode(Node node)
    {
        _graph.Nodes.Add(node);
        return node;
    }

    /// <summary>Marks a value as a graph output, with its type and, when known, its shape.</summary>
    public void Output(string value, DataType type = DataType.Float, Shape? shape = null) =>
        _graph.Outputs.Add(new ValueInfo(value, type, shape));

    /// <summary>A model around the graph, importing the given standard opset.</summary>
    public Model ToModel(long opset = 17)
    {
        var model = new Model(_graph) { ProducerName = "shears" };
        model.Opsets[""] = opset;
        model.IrVersion = opset >= 15 ? 8 : opset >= 13 ? 7 : 6;
        return model;
    }

    /// <summary>A name not used before in this builder, derived from a hint.</summary>
    public string Fresh(string hint)
    {
        var n = _counters.GetValueOrDefault(hint);
        _counters[hint] = n + 1;
        return n == 0 ? hint : $"{hint}_{n}";
    }
}
