namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// Field numbers of the ONNX messages (from the ONNX IR specification), enough to tell which length-delimited
/// fields hold nested messages and to aim mutations at dims, types, names and attributes.
/// </summary>
internal static class OnnxWireSchema
{
    public const int ModelGraph = 7;
    public const int ModelOpsetImport = 8;
    public const int GraphNode = 1;
    public const int GraphInitializer = 5;
    public const int GraphInput = 11;
    public const int GraphOutput = 12;
    public const int GraphValueInfo = 13;
    public const int NodeInput = 1;
    public const int NodeOutput = 2;
    public const int NodeName = 3;
    public const int NodeOpType = 4;
    public const int NodeAttribute = 5;
    public const int AttributeName = 1;
    public const int AttributeFloat = 2;
    public const int AttributeInt = 3;
    public const int AttributeTensor = 5;
    public const int AttributeFloats = 7;
    public const int AttributeInts = 8;
    public const int AttributeType = 20;
    public const int TensorDims = 1;
    public const int TensorDataType = 2;
    public const int TensorFloatData = 4;
    public const int TensorInt64Data = 7;
    public const int TensorName = 8;
    public const int TensorRawData = 9;
    public const int ValueInfoName = 1;
    public const int ValueInfoType = 2;
    public const int TensorTypeElemType = 1;
    public const int DimensionValue = 1;
    public const int DimensionParam = 2;

    /// <summary>The kind of message field <paramref name="number"/> of a <paramref name="parent"/> holds, or <see cref="OnnxMessageKind.Other"/>.</summary>
    public static OnnxMessageKind Child(OnnxMessageKind parent, int number) => (parent, number) switch
    {
        (OnnxMessageKind.Model, ModelGraph) => OnnxMessageKind.Graph,
        (OnnxMessageKind.Model, ModelOpsetImport) => OnnxMessageKind.OperatorSetId,
        (OnnxMessageKind.Model, 14) => OnnxMessageKind.StringEntry,
        (OnnxMessageKind.Graph, GraphNode) => OnnxMessageKind.Node,
        (OnnxMessageKind.Graph, GraphInitializer) => OnnxMessageKind.Tensor,
        (OnnxMessageKind.Graph, GraphInput or GraphOutput or GraphValueInfo) => OnnxMessageKind.ValueInfo,
        (OnnxMessageKind.Node, NodeAttribute) => OnnxMessageKind.Attribute,
        (OnnxMessageKind.Attribute, AttributeTensor or 10) => OnnxMessageKind.Tensor,
        (OnnxMessageKind.Attribute, 6 or 11) => OnnxMessageKind.Graph,
        (OnnxMessageKind.Tensor, 13) => OnnxMessageKind.StringEntry,
        (OnnxMessageKind.ValueInfo, ValueInfoType) => OnnxMessageKind.Type,
        (OnnxMessageKind.Type, 1) => OnnxMessageKind.TensorType,
        (OnnxMessageKind.TensorType, 2) => OnnxMessageKind.Shape,
        (OnnxMessageKind.Shape, 1) => OnnxMessageKind.Dimension,
        _ => OnnxMessageKind.Other,
    };
}
