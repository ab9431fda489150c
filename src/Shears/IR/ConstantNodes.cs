namespace Shears.IR;

/// <summary>
/// Constant nodes that hold a tensor, as some converters (PaddlePaddle's among them) store every
/// weight: their contents are data like initializers, and Shears counts, scores and prunes them so.
/// </summary>
public static class ConstantNodes
{
    /// <summary>
    /// The tensor a Constant node holds when it is stored data (more than one element: a weight or a
    /// table), as opposed to a single operator argument such as a Clip bound, which is no parameter.
    /// </summary>
    public static Tensor? StoredData(Node node) => Payload(node) is { ElementCount: > 1 } t ? t : null;

    /// <summary>The tensor a Constant node produces, or null when the node is no Constant or holds no dense tensor.</summary>
    public static Tensor? Payload(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.OpType != "Constant" || !node.IsStandard || node.Outputs.Count != 1 || node.Attributes.Count != 1)
        {
            return null;
        }
        var name = node.Outputs[0];
        var attribute = node.Attributes[0];
        return attribute switch
        {
            { Name: "value", Kind: AttributeKind.Tensor, Tensor: { } t } => t.Name == name ? t : t.Renamed(name),
            { Name: "value_float", Kind: AttributeKind.Float } => Tensor.FromFloats(name, [], [attribute.Float]),
            { Name: "value_floats", Kind: AttributeKind.Floats } => Tensor.FromFloats(name, [attribute.Floats.Length], attribute.Floats.AsSpan()),
            { Name: "value_int", Kind: AttributeKind.Int } => Tensor.FromInt64s(name, [], [attribute.Int]),
            { Name: "value_ints", Kind: AttributeKind.Ints } => Tensor.FromInt64s(name, [attribute.Ints.Length], attribute.Ints.AsSpan()),
            _ => null,
        };
    }

    /// <summary>
    /// A copy of the graph where every Constant node holding a tensor becomes an initializer of the
    /// same name (valid ONNX for any IR version: below 4 the initializer is also listed as an input).
    /// </summary>
    public static Graph Lift(Graph graph, long irVersion)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!graph.Nodes.Exists(n => Payload(n) is not null))
        {
            return graph;
        }
        var copy = graph.Clone();
        copy.Nodes.Clear();
        foreach (var node in graph.Nodes)
        {
            if (Payload(node) is not { } tensor || copy.Initializers.ContainsKey(tensor.Name))
            {
                copy.Nodes.Add(node.Clone());
                continue;
            }
            copy.Initializers.Add(tensor.Name, tensor);
            if (irVersion < 4)
            {
                // IR versions before 4 require every initializer to be a graph input as well.
                copy.Inputs.Add(new ValueInfo(tensor.Name, tensor.ElementType, tensor.Shape));
            }
        }
        return copy;
    }
}
