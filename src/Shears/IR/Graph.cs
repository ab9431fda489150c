namespace Shears.IR;

/// <summary>
/// The intermediate representation every Shears stage works on: nodes in topological order,
/// graph inputs and outputs, value annotations and initializers (weights and constants).
/// Stages take a graph and return a new one; <see cref="Clone"/> makes the copy they change.
/// </summary>
public sealed class Graph
{
    /// <summary>The graph's name, as written in the ONNX file.</summary>
    public string Name { get; set; } = "";

    /// <summary>The nodes. Stages expect topological order; the ONNX reader sorts, and code that adds nodes out of order calls <see cref="SortTopologically"/>.</summary>
    public List<Node> Nodes { get; } = [];

    /// <summary>Graph inputs. Old exports also list initializers here; <see cref="RuntimeInputs"/> leaves those out.</summary>
    public List<ValueInfo> Inputs { get; } = [];

    /// <summary>Graph outputs: the values a caller reads after running the graph.</summary>
    public List<ValueInfo> Outputs { get; } = [];

    /// <summary>Type annotations of intermediate values, as read or as inferred.</summary>
    public List<ValueInfo> ValueInfos { get; } = [];

    /// <summary>Initializers by name, in file order.</summary>
    public OrderedDictionary<string, Tensor> Initializers { get; } = new(StringComparer.Ordinal);

    /// <summary>Serialized ONNX fields this class does not model (doc string, sparse initializers, annotations).</summary>
    public byte[]? Extras { get; set; }

    /// <summary>Inputs the caller must feed: graph inputs that are not initializers.</summary>
    public IEnumerable<ValueInfo> RuntimeInputs => Inputs.Where(i => !Initializers.ContainsKey(i.Name));

    /// <summary>Whether the named value is an initializer (a weight or constant) rather than computed or fed.</summary>
    public bool IsInitializer(string name) => Initializers.ContainsKey(name);

    /// <summary>The named initializer, or null when there is none.</summary>
    public Tensor? FindInitializer(string name) => Initializers.TryGetValue(name, out var t) ? t : null;

    /// <summary>The node producing each value.</summary>
    public Dictionary<string, Node> Producers()
    {
        var map = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            foreach (var output in node.Outputs)
            {
                if (output.Length > 0)
                {
                    map[output] = node;
                }
            }
        }
        return map;
    }

    /// <summary>The nodes reading each value, in node order.</summary>
    public Dictionary<string, List<Node>> Consumers()
    {
        var map = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (input.Length == 0)
                {
                    continue;
                }
                if (!map.TryGetValue(input, out var list))
                {
                    map[input] = list = [];
                }
                if (list.Count == 0 || !ReferenceEquals(list[^1], node))
                {
                    list.Add(node);
                }
            }
        }
        return map;
    }

    /// <summary>Looks up a value's annotation among inputs, outputs and value infos.</summary>
    public ValueInfo? FindValueInfo(string name) =>
        Inputs.Find(v => v.Name == name) ?? Outputs.Find(v => v.Name == name) ?? ValueInfos.Find(v => v.Name == name);

    /// <summary>The node with this name, or null; node names are not required to be unique, so this is the first.</summary>
    public Node? FindNode(string name) => Nodes.Find(n => n.Name == name);

    /// <summary>
    /// Orders nodes so every node follows the producers of its inputs, keeping the existing order
    /// where it already allows that. Throws on a cycle.
    /// </summary>
    public void SortTopologically()
    {
        var producerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Nodes.Count; i++)
        {
            foreach (var output in Nodes[i].Outputs)
            {
                if (output.Length > 0)
                {
                    producerIndex[output] = i;
                }
            }
        }

        var pending = new int[Nodes.Count];
        var dependents = new List<int>[Nodes.Count];
        for (var i = 0; i < Nodes.Count; i++)
        {
            dependents[i] = [];
        }
        for (var i = 0; i < Nodes.Count; i++)
        {
            foreach (var input in Nodes[i].Inputs.Distinct())
            {
                if (input.Length > 0 && producerIndex.TryGetValue(input, out var p) && p != i)
                {
                    pending[i]++;
                    dependents[p].Add(i);
                }
            }
        }

        // Kahn's algorithm with a min-heap on the original position: stable for already-sorted graphs.
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }
        var order = new List<Node>(Nodes.Count);
        while (ready.TryDequeue(out var i, out _))
        {
            order.Add(Nodes[i]);
            foreach (var d in dependents[i])
            {
                if (--pending[d] == 0)
                {
                    ready.Enqueue(d, d);
                }
            }
        }
        if (order.Count != Nodes.Count)
        {
            var stuck = Nodes.Where((_, i) => pending[i] > 0).Select(n => n.DisplayName).Take(3);
            throw new InvalidDataException($"graph '{Name}' has a cycle through {string.Join(", ", stuck)}");
        }
        Nodes.Clear();
        Nodes.AddRange(order);
    }

    /// <summary>A deep copy of the structure; tensors are immutable and shared.</summary>
    public Graph Clone()
    {
        var copy = new Graph { Name = Name, Extras = Extras };
        copy.Nodes.AddRange(Nodes.Select(n => n.Clone()));
        copy.Inputs.AddRange(Inputs);
        copy.Outputs.AddRange(Outputs);
        copy.ValueInfos.AddRange(ValueInfos);
        foreach (var (name, tensor) in Initializers)
        {
            copy.Initializers.Add(name, tensor);
        }
        return copy;
    }

    /// <summary>Removes initializers and value infos that no node, input or output refers to any more.</summary>
    public void RemoveUnused()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            used.UnionWith(node.Inputs);
            used.UnionWith(node.Outputs);
        }
        used.UnionWith(Outputs.Select(o => o.Name));
        foreach (var name in Initializers.Keys.Where(n => !used.Contains(n)).ToList())
        {
            Initializers.Remove(name);
            Inputs.RemoveAll(i => i.Name == name);
        }
        ValueInfos.RemoveAll(v => !used.Contains(v.Name));
    }
}
