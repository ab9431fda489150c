namespace Shears.Cli.Tests.Fuzz;

/// <summary>The ONNX messages the mutator looks inside; <see cref="Other"/> is any payload it leaves as bytes.</summary>
internal enum OnnxMessageKind
{
    Other,
    Model,
    OperatorSetId,
    Graph,
    Node,
    Attribute,
    Tensor,
    ValueInfo,
    Type,
    TensorType,
    Shape,
    Dimension,
    StringEntry,
}
