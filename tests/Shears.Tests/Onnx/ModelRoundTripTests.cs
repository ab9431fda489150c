using Google.Protobuf;
using Shears.IR;
using Shears.Onnx;
using Shears.Onnx.Schema;

namespace Shears.Tests.Onnx;

/// <summary>The model header, value annotations and fields outside Shears' schema survive a read and write.</summary>
public sealed class ModelRoundTripTests
{
    private static ModelProto Identity()
    {
        var graph = new GraphProto
        {
            Name = "identity",
            Node = { new NodeProto { OpType = "Identity", Name = "id", Input = { "x" }, Output = { "y" } } },
            Input = { ProtoModels.TensorValue("x", 1, 2) },
            Output = { ProtoModels.TensorValue("y", 1, 2) },
        };
        return ProtoModels.Model(graph);
    }

    /// <summary>The message with one more length-delimited field appended as raw bytes, as a newer writer would add it.</summary>
    private static T WithRawField<T>(T message, int number, byte[] payload)
        where T : IMessage<T>, new()
    {
        var output = new MemoryStream();
        var coded = new CodedOutputStream(output);
        coded.WriteTag(number, WireFormat.WireType.LengthDelimited);
        coded.WriteBytes(ByteString.CopyFrom(payload));
        coded.Flush();
        var parser = new MessageParser<T>(() => new T());
        return parser.ParseFrom([.. message.ToByteArray(), .. output.ToArray()]);
    }

    [Fact]
    public void Header_fields_opsets_and_metadata_survive()
    {
        var proto = Identity();
        proto.IrVersion = 9;
        proto.ProducerName = "pytorch";
        proto.ProducerVersion = "1.13";
        proto.Domain = "ai.example";
        proto.ModelVersion = 42;
        proto.DocString = "a model";
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "b", Value = "1" });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "a", Value = "2" });

        var model = ProtoModels.Read(proto);
        Assert.Equal(9, model.IrVersion);
        Assert.Equal(13, model.OpsetVersion);
        Assert.Equal(1, model.Opsets["com.microsoft"]);
        Assert.Equal([new("b", "1"), new("a", "2")], model.Metadata);

        Assert.Equal(proto, ProtoModels.Written(model));
    }

    [Fact]
    public void Value_annotations_survive_exactly()
    {
        var proto = Identity();
        var dims = proto.Graph.Input[0].Type.TensorType.Shape.Dim;
        dims.Clear();
        dims.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch", Denotation = "DATA_BATCH" });
        dims.Add(new TensorShapeProto.Types.Dimension());
        dims.Add(new TensorShapeProto.Types.Dimension { DimValue = 0 });
        proto.Graph.Input[0].DocString = "the input";
        proto.Graph.Input[0].Type.Denotation = "TENSOR";
        // A scalar (shape with no dims) and a value of unknown rank (no shape) are different things.
        proto.Graph.ValueInfo.Add(new ValueInfoProto { Name = "scalar", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 7, Shape = new TensorShapeProto() } } });
        proto.Graph.ValueInfo.Add(new ValueInfoProto { Name = "unranked", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        // sequence(tensor(float)): sequence_type (TypeProto field 4) is outside the schema.
        proto.Graph.ValueInfo.Add(WithRawField(new ValueInfoProto { Name = "sequence" }, 2, [0x22, 0x06, 0x0A, 0x04, 0x0A, 0x02, 0x08, 0x01]));

        var model = ProtoModels.Read(proto);
        var input = model.Graph.Inputs.Single();
        Assert.Equal(new Shape([Dim.Named("batch"), Dim.Unknown, Dim.Of(0)]), input.Shape);
        Assert.Equal(Shape.Scalar, model.Graph.FindValueInfo("scalar")!.Shape);
        Assert.Null(model.Graph.FindValueInfo("unranked")!.Shape);
        Assert.Equal(DataType.Undefined, model.Graph.FindValueInfo("sequence")!.ElementType);

        Assert.Equal(proto, ProtoModels.Written(model));
    }

    [Fact]
    public void Changing_a_shape_keeps_denotations()
    {
        var proto = Identity();
        proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].Denotation = "DATA_FEATURE";
        var model = ProtoModels.Read(proto);
        model.Graph.Inputs[0] = model.Graph.Inputs[0] with { Shape = Shape.Of(5) };

        var dim = ProtoModels.Written(model).Graph.Input[0].Type.TensorType.Shape.Dim.Single();
        Assert.Equal(5, dim.DimValue);
        Assert.Equal("DATA_FEATURE", dim.Denotation);
    }

    [Fact]
    public void Fields_outside_the_schema_survive_at_every_level()
    {
        var proto = Identity();
        proto.Graph.Node[0] = WithRawField(proto.Graph.Node[0], 9, [0x0A, 0x01, 0x6B]);
        proto.Graph.Initializer.Add(WithRawField(ProtoModels.Tensor("w", DataType.Float, 1), 16, [0x01]));
        proto.Graph.Initializer[0].RawData = ByteString.CopyFrom(new byte[4]);
        proto.Graph = WithRawField(proto.Graph, 15, [0x08, 0x01]);
        proto = WithRawField(proto, 25, [0x0A, 0x01, 0x66]);
        proto = WithRawField(proto, 20, [0x0A, 0x00]);

        var model = ProtoModels.Read(proto);
        Assert.NotNull(model.Extras);
        Assert.NotNull(model.Graph.Extras);
        Assert.NotNull(model.Graph.Nodes[0].Extras);
        Assert.NotNull(model.Graph.Initializers["w"].Extras);

        Assert.Equal(proto, ProtoModels.Written(model));
    }

    [Fact]
    public void Model_without_opset_imports_means_opset_1_only_before_IR_version_3()
    {
        var old = Identity();
        old.IrVersion = 1;
        old.OpsetImport.Clear();
        Assert.Equal(1, ProtoModels.Read(old).OpsetVersion);

        var modern = Identity();
        modern.OpsetImport.Clear();
        var error = Assert.Throws<InvalidModelException>(() => ProtoModels.Read(modern));
        Assert.Contains("no operator set imports", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_out_of_order_are_sorted_on_read()
    {
        var proto = Identity();
        proto.Graph.Node.Insert(0, new NodeProto { OpType = "Relu", Name = "after", Input = { "y" }, Output = { "z" } });
        Assert.Equal(["id", "after"], ProtoModels.Read(proto).Graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Cyclic_graph_is_an_invalid_model()
    {
        var proto = Identity();
        proto.Graph.Node[0].Input[0] = "z";
        proto.Graph.Node.Add(new NodeProto { OpType = "Relu", Name = "back", Input = { "y" }, Output = { "z" } });
        var error = Assert.Throws<InvalidModelException>(() => ProtoModels.Read(proto));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_initializer_is_an_invalid_model()
    {
        var proto = Identity();
        for (var i = 0; i < 2; i++)
        {
            var tensor = ProtoModels.Tensor("w", DataType.Float, 1);
            tensor.RawData = ByteString.CopyFrom(new byte[4]);
            proto.Graph.Initializer.Add(tensor);
        }
        var error = Assert.Throws<InvalidModelException>(() => ProtoModels.Read(proto));
        Assert.Contains("'w' is defined twice", error.Message, StringComparison.Ordinal);
    }
}
