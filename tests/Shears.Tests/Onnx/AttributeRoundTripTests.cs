using Google.Protobuf;
using Shears.IR;
using Shears.Onnx;
using Shears.Onnx.Schema;

namespace Shears.Tests.Onnx;

public sealed class AttributeRoundTripTests
{
    /// <summary>A model whose one node carries <paramref name="attributes"/>, written and read back.</summary>
    private static Node RoundTrip(params NodeAttribute[] attributes)
    {
        var builder = new GraphBuilder();
        var y = builder.Add("Custom", [builder.Input("x", 1)], attributes);
        builder.Output(y);
        var written = OnnxWriter.ToBytes(builder.ToModel());
        return OnnxReader.Read(written).Graph.Nodes.Single();
    }

    /// <summary>A model whose one node carries these attribute messages, read and written back.</summary>
    private static (Node Read, IReadOnlyList<AttributeProto> Written) RoundTrip(long irVersion, params AttributeProto[] attributes)
    {
        var graph = new GraphProto { Name = "g" };
        var node = new NodeProto { OpType = "Custom", Input = { "x" }, Output = { "y" } };
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        var proto = ProtoModels.Model(graph, irVersion);
        var model = ProtoModels.Read(proto);
        return (model.Graph.Nodes.Single(), ProtoModels.Written(model).Graph.Node.Single().Attribute);
    }

    [Fact]
    public void Scalars_keep_kind_and_exact_value()
    {
        var node = RoundTrip(
            NodeAttribute.Of("int", long.MinValue),
            NodeAttribute.Of("float", -0f),
            NodeAttribute.Of("nan", float.NaN),
            NodeAttribute.Of("tiny", float.Epsilon),
            NodeAttribute.Of("text", "héllo\0world"));

        Assert.Equal(["int", "float", "nan", "tiny", "text"], node.Attributes.Select(a => a.Name));
        Assert.Equal(long.MinValue, node.GetInt("int", 0));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(node.GetFloat("float", 1)));
        Assert.True(float.IsNaN(node.GetFloat("nan", 0)));
        Assert.Equal(float.Epsilon, node.GetFloat("tiny", 0));
        Assert.Equal("héllo\0world", node.GetString("text", ""));
        Assert.Equal(AttributeKind.String, node.FindAttribute("text")!.Kind);
    }

    [Fact]
    public void Lists_keep_order_and_values()
    {
        var node = RoundTrip(
            NodeAttribute.Of("ints", 3, -1, long.MaxValue),
            NodeAttribute.Of("floats", 0.5f, float.NegativeInfinity),
            NodeAttribute.Of("empty_ints", Array.Empty<long>()),
            new NodeAttribute { Name = "strings", Kind = AttributeKind.Strings, StringList = ["a"u8.ToArray(), [], [0xFF]] });

        Assert.Equal([3, -1, long.MaxValue], node.GetInts("ints")!);
        Assert.Equal([0.5f, float.NegativeInfinity], node.GetFloats("floats")!);
        Assert.Equal(AttributeKind.Ints, node.FindAttribute("empty_ints")!.Kind);
        Assert.Empty(node.GetInts("empty_ints")!);
        Assert.Equal(["a"u8.ToArray(), [], [0xFF]], node.FindAttribute("strings")!.StringList.ToArray());
    }

    [Fact]
    public void Tensor_attributes_keep_their_data()
    {
        var value = Tensor.FromFloats("value", [2, 2], [1, 2, 3, 4]);
        var node = RoundTrip(
            NodeAttribute.Of("value", value),
            new NodeAttribute { Name = "tensors", Kind = AttributeKind.Tensors, Tensors = [Tensor.Vector("a", 7, 8), Tensor.FromBools("b", [1], [true])] });

        var read = node.GetTensor("value")!;
        Assert.Equal("value", read.Name);
        Assert.Equal([2L, 2L], read.Dims.ToArray());
        Assert.Equal([1f, 2f, 3f, 4f], read.ToFloats());
        var tensors = node.FindAttribute("tensors")!.Tensors;
        Assert.Equal([7L, 8L], tensors[0].ToInt64s());
        Assert.Equal(DataType.Bool, tensors[1].ElementType);
    }

    [Fact]
    public void Graph_attributes_stay_opaque_and_are_written_back_unchanged()
    {
        var body = new GraphProto { Name = "body", Node = { new NodeProto { OpType = "Identity", Input = { "x" }, Output = { "z" } } } };
        var thenBranch = new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = body.ToByteString(), DocString = "taken when true" };
        var bodies = new AttributeProto { Name = "bodies", Type = AttributeProto.Types.AttributeType.Graphs, Graphs = { body.ToByteString(), body.ToByteString() } };

        var (read, written) = RoundTrip(8, thenBranch, bodies);

        Assert.Equal(AttributeKind.Graph, read.Attributes[0].Kind);
        Assert.NotNull(read.Attributes[0].Opaque);
        Assert.Equal(AttributeKind.Graphs, read.Attributes[1].Kind);
        Assert.Equal([thenBranch, bodies], written);
    }

    [Fact]
    public void Function_attribute_references_and_doc_strings_survive()
    {
        var reference = new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, RefAttrName = "outer_alpha" };
        var documented = new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1, DocString = "the channel axis" };

        var (read, written) = RoundTrip(8, reference, documented);

        Assert.NotNull(read.Attributes[0].Opaque);
        Assert.Equal(1, read.GetInt("axis", 0));
        Assert.NotNull(read.Attributes[1].Extras);
        Assert.Equal([reference, documented], written);
    }

    [Fact]
    public void Untyped_attributes_of_IR_version_1_get_their_kind_from_the_value()
    {
        var (read, written) = RoundTrip(
            1,
            new AttributeProto { Name = "f", F = 0.5f },
            new AttributeProto { Name = "ints", Ints = { 1, 2 } },
            new AttributeProto { Name = "s", S = ByteString.CopyFromUtf8("same") });

        Assert.Equal([AttributeKind.Float, AttributeKind.Ints, AttributeKind.String], read.Attributes.Select(a => a.Kind));
        Assert.Equal(0.5f, read.GetFloat("f", 0));
        Assert.All(written, a => Assert.True(a.HasType));
        Assert.Equal([1L, 2L], written[1].Ints);
    }

    [Fact]
    public void Attribute_of_undefined_kind_cannot_be_written()
    {
        var builder = new GraphBuilder();
        builder.Output(builder.Add("Custom", [builder.Input("x", 1)], new NodeAttribute { Name = "broken", Kind = AttributeKind.Graph }));
        var error = Assert.Throws<InvalidOperationException>(() => OnnxWriter.ToBytes(builder.ToModel()));
        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
    }
}
