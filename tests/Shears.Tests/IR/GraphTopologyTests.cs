using Shears.IR;

namespace Shears.Tests.IR;

public sealed class GraphTopologyTests
{
    private static Node Op(string name, string[] inputs, params string[] outputs) => new("Relu", inputs, outputs, name);

    private static Graph GraphOf(params Node[] nodes)
    {
        var graph = new Graph { Name = "g" };
        graph.Inputs.Add(new ValueInfo("x", DataType.Float, Shape.Of(1)));
        graph.Nodes.AddRange(nodes);
        return graph;
    }

    private static string Order(Graph graph) => string.Join(" ", graph.Nodes.Select(n => n.Name));

    [Fact]
    public void Reversed_chain_is_put_in_dependency_order()
    {
        var graph = GraphOf(Op("c", ["b"], "c"), Op("b", ["a"], "b"), Op("a", ["x"], "a"));
        graph.SortTopologically();
        Assert.Equal("a b c", Order(graph));
    }

    [Fact]
    public void Valid_order_is_kept_as_it_is()
    {
        // Two independent branches interleaved: any order that respects dependencies must stay.
        var graph = GraphOf(Op("p1", ["x"], "p1"), Op("q1", ["x"], "q1"), Op("p2", ["p1"], "p2"), Op("q2", ["q1"], "q2"), Op("join", ["p2", "q2"], "y"));
        graph.SortTopologically();
        Assert.Equal("p1 q1 p2 q2 join", Order(graph));
    }

    [Fact]
    public void Ready_nodes_come_out_in_their_original_order()
    {
        var graph = GraphOf(Op("late", ["early"], "late"), Op("z", ["x"], "z"), Op("early", ["x"], "early"), Op("y", ["x"], "y"));
        graph.SortTopologically();
        Assert.Equal("z early late y", Order(graph));
    }

    [Fact]
    public void Multi_output_producers_repeated_inputs_and_omitted_optionals_are_handled()
    {
        var graph = GraphOf(
            Op("use_both", ["second", "first", "first"], "y"),
            Op("omitted", ["x", ""], "o"),
            Op("split", ["x"], "first", "second"));
        graph.Initializers.Add("w", Tensor.FromFloats("w", [1], [1f]));
        graph.Nodes.Insert(0, Op("with_weight", ["y", "w"], "z"));
        graph.SortTopologically();
        Assert.Equal("omitted split use_both with_weight", Order(graph));
    }

    [Fact]
    public void Cycle_is_reported_with_the_nodes_involved()
    {
        var graph = GraphOf(Op("a", ["x", "b"], "a"), Op("b", ["a"], "b"), Op("free", ["x"], "f"));
        var error = Assert.Throws<InvalidDataException>(graph.SortTopologically);
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("through a, b", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, graph.Nodes.Count);
    }

    [Fact]
    public void Producers_and_consumers_index_values()
    {
        var graph = GraphOf(Op("a", ["x"], "a"), Op("b", ["a", "a"], "b"), Op("c", ["a", "x"], "c"));
        var producers = graph.Producers();
        var consumers = graph.Consumers();
        Assert.Equal("a", producers["a"].Name);
        Assert.False(producers.ContainsKey("x"));
        Assert.Equal(["b", "c"], consumers["a"].Select(n => n.Name));
        Assert.Equal(["a", "c"], consumers["x"].Select(n => n.Name));
    }

    [Fact]
    public void RemoveUnused_drops_unreferenced_weights_and_their_input_entries()
    {
        var graph = GraphOf(Op("a", ["x", "used"], "y"));
        graph.Outputs.Add(new ValueInfo("y", DataType.Float, null));
        foreach (var name in new[] { "used", "unused" })
        {
            graph.Initializers.Add(name, Tensor.FromFloats(name, [1], [0f]));
            graph.Inputs.Add(new ValueInfo(name, DataType.Float, Shape.Of(1)));
        }
        graph.ValueInfos.Add(new ValueInfo("stale", DataType.Float, null));

        graph.RemoveUnused();

        Assert.Equal(["used"], graph.Initializers.Keys);
        Assert.Equal(["x", "used"], graph.Inputs.Select(i => i.Name));
        Assert.Empty(graph.ValueInfos);
        Assert.Equal(["x"], graph.RuntimeInputs.Select(i => i.Name));
    }
}
