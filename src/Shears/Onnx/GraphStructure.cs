using Shears.IR;

namespace Shears.Onnx;

/// <summary>
/// The single-assignment rules of an ONNX graph that everything after reading relies on: every node writes a named
/// value, no value is written twice, and every graph input and output is named and has a source.
/// </summary>
internal static class GraphStructure
{
    /// <exception cref="InvalidDataException">The graph breaks one of the rules; the message names the node or value.</exception>
    public static void Check(Graph graph)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (index, input) in graph.Inputs.Index())
        {
            if (input.Name.Length == 0)
            {
                throw new InvalidDataException($"graph input {index} has no name");
            }
            if (!sources.TryAdd(input.Name, "a graph input"))
            {
                throw new InvalidDataException($"graph input '{input.Name}' is listed twice");
            }
        }
        foreach (var name in graph.Initializers.Keys)
        {
            // Older exports list each initializer among the inputs too; that is one value, not two.
            sources.TryAdd(name, "an initializer");
        }
        foreach (var node in graph.Nodes)
        {
            if (node.Outputs.All(o => o.Length == 0))
            {
                throw new InvalidDataException($"node '{node.DisplayName}' ({node.OpType}) has no outputs");
            }
            foreach (var output in node.Outputs.Where(o => o.Length > 0))
            {
                if (!sources.TryAdd(output, $"node '{node.DisplayName}'"))
                {
                    throw new InvalidDataException($"value '{output}' is written by node '{node.DisplayName}' and by {sources[output]}");
                }
            }
        }
        foreach (var (index, output) in graph.Outputs.Index())
        {
            if (output.Name.Length == 0)
            {
                throw new InvalidDataException($"graph output {index} has no name");
            }
            if (!sources.ContainsKey(output.Name))
            {
                throw new InvalidDataException($"graph output '{output.Name}' is not computed by any node");
            }
        }
    }
}
