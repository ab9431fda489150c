using Google.Protobuf;
using Shears.IR;
using Shears.Onnx;
using Shears.Onnx.Schema;

namespace Shears.Tests.Onnx;

/// <summary>Builds ONNX protobuf messages directly, to feed the reader forms the writer never produces.</summary>
internal static class ProtoModels
{
    /// <summary>y = x + weight over one initializer: the smallest model that exercises a tensor encoding.</summary>
    public static ModelProto AddWeight(TensorProto weight, long irVersion = 8, long opset = 13)
    {
        var dims = weight.Dims.ToArray();
        var graph = new GraphProto { Name = "add_weight" };
        graph.Initializer.Add(weight);
        graph.Node.Add(new NodeProto { OpType = "Add", Name = "add", Input = { "x", weight.Name }, Output = { "y" } });
        graph.Input.Add(TensorValue("x", weight.DataType, dims));
        graph.Output.Add(TensorValue("y", weight.DataType, dims));
        return Model(graph, irVersion, opset);
    }

    public static ModelProto Model(GraphProto graph, long irVersion = 8, long opset = 13)
    {
        var model = new ModelProto { IrVersion = irVersion, ProducerName = "tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    public static ValueInfoProto TensorValue(string name, int elementType, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } } };
    }

    public static TensorProto Tensor(string name, DataType type, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    public static Model Read(ModelProto proto, string baseDirectory = ".") =>
        OnnxReader.Read(proto.ToByteArray(), baseDirectory, "test.onnx");

    public static ModelProto Written(Model model) => ModelProto.Parser.ParseFrom(OnnxWriter.ToBytes(model));
}
