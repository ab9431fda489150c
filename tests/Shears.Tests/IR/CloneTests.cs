using Shears.IR;

namespace Shears.Tests.IR;

public sealed class CloneTests
{
    private static Model Sample()
    {
        var builder = new GraphBuilder("sample");
        var x = builder.Input("x", 1, 4);
        var w = builder.Initializer("w", [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
        var y = builder.Add("MatMul", [x, w]);
        var z = builder.Add("Relu", [y], NodeAttribute.Of("alpha", 0.5f));
        builder.Output(z);
        var model = builder.ToModel(13);
        model.Metadata.Add(new("k", "v"));
        model.Opsets["com.example"] = 2;
        model.Extras = [0xA2, 0x01, 0x00];
        return model;
    }

    [Fact]
    public void Changing_a_cloned_graph_leaves_the_original_alone()
    {
        var original = Sample();
        var before = Describe(original);

        var copy = original.Clone();
        copy.Graph.Nodes[0].Inputs[0] = "other";
        copy.Graph.Nodes[0].Outputs.Add("extra");
        copy.Graph.Nodes[1].SetAttribute(NodeAttribute.Of("alpha", 2f));
        copy.Graph.Nodes[1].Name = "renamed";
        copy.Graph.Nodes.RemoveAt(0);
        copy.Graph.Initializers.Remove("w");
        copy.Graph.Inputs.Clear();
        copy.Graph.Outputs.Add(new ValueInfo("more", DataType.Float, null));
        copy.Graph.ValueInfos.Add(new ValueInfo("v", DataType.Float, null));
        copy.Graph.Name = "changed";
        copy.Metadata.Clear();
        copy.Opsets[""] = 18;
        copy.ProducerName = "someone else";

        Assert.Equal(before, Describe(original));
    }

    [Fact]
    public void Clone_copies_everything()
    {
        var original = Sample();
        Assert.Equal(Describe(original), Describe(original.Clone()));
        Assert.Same(original.Extras, original.Clone().Extras);
    }

    [Fact]
    public void Cloned_node_has_its_own_lists()
    {
        var node = new Node("Conv", ["x", "w"], ["y"], "conv", "ai.onnx") { Extras = [1] };
        node.Attributes.Add(NodeAttribute.Of("group", 1L));
        var copy = node.Clone();
        copy.Inputs.Add("b");
        copy.Attributes.Clear();
        Assert.Equal(["x", "w"], node.Inputs);
        Assert.Single(node.Attributes);
        Assert.Equal(node.ToString(), new Node("Conv", ["x", "w"], ["y"], "conv").ToString());
        Assert.Equal(node.Extras, copy.Extras);
        Assert.Equal("ai.onnx", copy.Domain);
    }

    private static string Describe(Model model) => string.Join("\n",
        [
            $"{model.IrVersion} {model.ProducerName} {model.Graph.Name}",
            string.Join(",", model.Opsets.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}")),
            string.Join(",", model.Metadata),
            .. model.Graph.Nodes.Select(n => $"{n} [{string.Join(";", n.Attributes)}]"),
            string.Join(",", model.Graph.Initializers.Keys),
            string.Join(",", model.Graph.Inputs.Select(i => i.Name)),
            string.Join(",", model.Graph.Outputs.Select(i => i.Name)),
            string.Join(",", model.Graph.ValueInfos.Select(i => i.Name)),
        ]);
}
