namespace Shears.Cli.Tests.Fuzz;

/// <summary>The protobuf wire types a field's tag can carry (groups, 3 and 4, are never written by ONNX).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
