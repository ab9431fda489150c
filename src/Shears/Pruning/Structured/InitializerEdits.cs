using Shears.IR;

namespace Shears.Pruning.Structured;

/// <summary>
/// New contents for initializers as each node wants them. Nodes that share an initializer but
/// want different contents get their own renamed copy, so no node sees another's edit.
/// </summary>
internal sealed class InitializerEdits
{
    private readonly Graph _graph;
    private readonly Dictionary<(int Node, int Input), Tensor> _edits = [];

    public InitializerEdits(Graph graph) => _graph = graph;

    /// <summary>The current planned content of node input i (an edit, or the original).</summary>
    public Tensor? Current(int node, int input)
    {
        if (_edits.TryGetValue((node, input), out var edited))
        {
            return edited;
        }
        var name = _graph.Nodes[node].Input(input);
        return name is null ? null : _graph.FindInitializer(name);
    }

    public void Set(int node, int input, Tensor content) => _edits[(node, input)] = content;

    /// <summary>Writes the edits into the graph, splitting shared initializers whose users disagree.</summary>
    public void Commit()
    {
        var uses = new Dictionary<string, List<(int Node, int Input)>>(StringComparer.Ordinal);
        for (var n = 0; n < _graph.Nodes.Count; n++)
        {
            var node = _graph.Nodes[n];
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i].Length > 0 && _graph.IsInitializer(node.Inputs[i]))
                {
                    if (!uses.TryGetValue(node.Inputs[i], out var list))
                    {
                        uses[node.Inputs[i]] = list = [];
                    }
                    list.Add((n, i));
                }
            }
        }
        foreach (var (name, list) in uses)
        {
            if (!list.Any(_edits.ContainsKey))
            {
                continue;
            }
            var original = _graph.Initializers[name];
            var variants = new List<(Tensor Content, string Name)>();
            foreach (var use in list)
            {
                var content = _edits.GetValueOrDefault(use, original);
                var match = variants.FindIndex(v => SameContent(v.Content, content));
                string target;
                if (match >= 0)
                {
                    target = variants[match].Name;
                }
                else
                {
                    target = variants.Count == 0 ? name : Unique($"{name}_pruned{variants.Count}");
                    variants.Add((content, target));
                    _graph.Initializers[target] = content.Renamed(target);
                }
                _graph.Nodes[use.Node].Inputs[use.Input] = target;
            }
        }
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 1; _graph.Initializers.ContainsKey(candidate) || _graph.Nodes.Any(n => n.Outputs.Contains(candidate)); i++)
        {
            candidate = $"{name}_{i}";
        }
        return candidate;
    }

    private static bool SameContent(Tensor a, Tensor b) =>
        ReferenceEquals(a, b) || (a.ElementType == b.ElementType && a.Dims.SequenceEqual(b.Dims) && a.Bytes.Span.SequenceEqual(b.Bytes.Span));
}
