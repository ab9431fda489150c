using Shears.IR;

namespace Shears.Pruning.Layers;

/// <summary>
/// Finds residual branches that can be removed whole: an Add whose one operand is computed only
/// from the other (the skip) by nodes nothing else reads, with at least one weighted layer.
/// </summary>
public static class ResidualBranches
{
    private const int MaxBranchNodes = 256;

    /// <summary>Every removable residual branch of the graph, one per Add at most, in graph order.</summary>
    /// <param name="graph">The graph to search; not changed.</param>
    /// <param name="shapeOf">The inferred shape of a value, or null; the skip must have the Add's output shape.</param>
    public static IReadOnlyList<ResidualBranch> Find(Graph graph, Func<string, Shape?> shapeOf)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(shapeOf);
        var producers = graph.Producers();
        var consumers = graph.Consumers();
        var outputs = graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var result = new List<ResidualBranch>();
        foreach (var add in graph.Nodes.Where(n => n.OpType == "Add" && n.Inputs.Count == 2 && n.IsStandard))
        {
            if (outputs.Contains(add.Outputs[0]) || shapeOf(add.Outputs[0]) is not { } outShape)
            {
                continue;
            }
            for (var side = 0; side < 2; side++)
            {
                var skip = add.Inputs[side];
                var branchOutput = add.Inputs[1 - side];
                if (shapeOf(skip) is not { } skipShape || !skipShape.Equals(outShape))
                {
                    continue;
                }
                if (Trace(graph, producers, consumers, skip, branchOutput, add) is { } branch)
                {
                    result.Add(branch with { Add = add.DisplayName });
                    break;
                }
            }
        }
        return result;
    }

    private static ResidualBranch? Trace(Graph graph, Dictionary<string, Node> producers, Dictionary<string, List<Node>> consumers, string skip, string branchOutput, Node add)
    {
        var nodes = new HashSet<Node>();
        var pending = new Stack<string>();
        pending.Push(branchOutput);
        var reachesSkip = false;
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (value == skip)
            {
                reachesSkip = true;
                continue;
            }
            if (graph.IsInitializer(value))
            {
                continue;
            }
            if (!producers.TryGetValue(value, out var producer))
            {
                return null; // reaches a graph input other than the skip
            }
            if (!nodes.Add(producer))
            {
                continue;
            }
            if (nodes.Count > MaxBranchNodes)
            {
                return null;
            }
            foreach (var input in producer.Inputs.Where(i => i.Length > 0))
            {
                pending.Push(input);
            }
        }
        if (!reachesSkip || !nodes.Any(n => n.OpType is "Conv" or "Gemm" or "MatMul" or "ConvTranspose"))
        {
            return null;
        }
        // Nothing outside the branch may read what the branch computes.
        foreach (var node in nodes)
        {
            foreach (var output in node.Outputs.Where(o => o.Length > 0))
            {
                if (consumers.TryGetValue(output, out var readers) && readers.Any(r => !nodes.Contains(r) && r != add))
                {
                    return null;
                }
                if (graph.Outputs.Any(o => o.Name == output))
                {
                    return null;
                }
            }
        }
        var ordered = graph.Nodes.Where(nodes.Contains).ToList();
        var initializers = ordered.SelectMany(n => n.Inputs).Where(graph.IsInitializer).Distinct()
            .Where(i => consumers[i].All(nodes.Contains)).ToList();
        return new ResidualBranch(add.DisplayName, skip, [.. ordered.Select(n => n.DisplayName)], initializers);
    }

    /// <summary>A copy of the graph without the given branches: each Add's readers read its skip value instead.</summary>
    public static Graph Remove(Graph graph, IEnumerable<ResidualBranch> branches)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(branches);
        var copy = graph.Clone();
        // Consecutive branches chain: a later branch's skip may be an earlier branch's removed sum.
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        string Resolve(string value) => renamed.TryGetValue(value, out var target) ? Resolve(target) : value;
        foreach (var branch in branches)
        {
            var add = copy.FindNode(branch.Add) ?? throw new ShearsException($"no node '{branch.Add}' in the model");
            var output = add.Outputs[0];
            var skip = Resolve(branch.Skip);
            renamed[output] = skip;
            var drop = branch.Nodes.Append(branch.Add).ToHashSet(StringComparer.Ordinal);
            copy.Nodes.RemoveAll(n => drop.Contains(n.DisplayName));
            foreach (var node in copy.Nodes)
            {
                for (var i = 0; i < node.Inputs.Count; i++)
                {
                    if (node.Inputs[i] == output)
                    {
                        node.Inputs[i] = skip;
                    }
                }
            }
        }
        copy.ValueInfos.Clear();
        copy.RemoveUnused();
        return copy;
    }
}
