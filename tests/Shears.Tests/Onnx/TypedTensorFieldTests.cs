using System.Runtime.InteropServices;
using Google.Protobuf;
using Shears.IR;
using Shears.Onnx;
using Shears.Onnx.Schema;
using Shears.OnnxRuntime;

namespace Shears.Tests.Onnx;

/// <summary>
/// Tensors stored in the typed fields (float_data, int32_data, int64_data, double_data,
/// uint64_data) instead of raw_data: read to the same little-endian bytes, written as raw_data.
/// </summary>
public sealed class TypedTensorFieldTests
{
    private static byte[] Bytes<T>(params T[] values)
        where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>A two-element tensor of the type in its typed field, and the raw bytes it stands for.</summary>
    private static (TensorProto Proto, byte[] Raw) Encoded(DataType type)
    {
        var proto = ProtoModels.Tensor("w", type, 2);
        byte[] raw;
        switch (type)
        {
            case DataType.Float:
                proto.FloatData.Add([1.5f, -0f]);
                raw = Bytes(1.5f, -0f);
                break;
            case DataType.Double:
                proto.DoubleData.Add([1.5, -2e300]);
                raw = Bytes(1.5, -2e300);
                break;
            case DataType.Int64:
                proto.Int64Data.Add([long.MinValue, 5]);
                raw = Bytes(long.MinValue, 5L);
                break;
            case DataType.Int32:
                proto.Int32Data.Add([-7, int.MaxValue]);
                raw = Bytes(-7, int.MaxValue);
                break;
            case DataType.Int16:
                proto.Int32Data.Add([-2, 300]);
                raw = Bytes<short>(-2, 300);
                break;
            case DataType.UInt16:
                proto.Int32Data.Add([65535, 1]);
                raw = Bytes<ushort>(65535, 1);
                break;
            case DataType.Int8:
                proto.Int32Data.Add([-128, 127]);
                raw = Bytes<sbyte>(-128, 127);
                break;
            case DataType.UInt8:
                proto.Int32Data.Add([255, 0]);
                raw = [255, 0];
                break;
            case DataType.Bool:
                proto.Int32Data.Add([1, 0]);
                raw = [1, 0];
                break;
            case DataType.Float16:
                // Half values travel as their bit patterns, one per int32.
                proto.Int32Data.Add([BitConverter.HalfToUInt16Bits((Half)1.5f), BitConverter.HalfToUInt16Bits((Half)(-2f))]);
                raw = Bytes((Half)1.5f, (Half)(-2f));
                break;
            case DataType.UInt32:
                proto.Uint64Data.Add([uint.MaxValue, 1]);
                raw = Bytes(uint.MaxValue, 1u);
                break;
            case DataType.UInt64:
                proto.Uint64Data.Add([ulong.MaxValue, 1]);
                raw = Bytes(ulong.MaxValue, 1UL);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
        return (proto, raw);
    }

    [Theory]
    [InlineData(DataType.Float)]
    [InlineData(DataType.Double)]
    [InlineData(DataType.Int64)]
    [InlineData(DataType.Int32)]
    [InlineData(DataType.Int16)]
    [InlineData(DataType.UInt16)]
    [InlineData(DataType.Int8)]
    [InlineData(DataType.UInt8)]
    [InlineData(DataType.Bool)]
    [InlineData(DataType.Float16)]
    [InlineData(DataType.UInt32)]
    [InlineData(DataType.UInt64)]
    public void Typed_field_reads_to_raw_bytes_and_writes_as_raw_data(DataType type)
    {
        var (proto, raw) = Encoded(type);
        var model = ProtoModels.Read(ProtoModels.AddWeight(proto));

        var weight = model.Graph.Initializers["w"];
        Assert.Equal(type, weight.ElementType);
        Assert.Equal(raw, weight.Bytes.ToArray());

        var written = ProtoModels.Written(model).Graph.Initializer.Single();
        Assert.Equal(raw, written.RawData.ToByteArray());
        Assert.Empty(written.FloatData);
        Assert.Empty(written.Int32Data);
        Assert.Empty(written.Int64Data);
        Assert.Empty(written.DoubleData);
        Assert.Empty(written.Uint64Data);
    }

    [Theory]
    [InlineData(DataType.Float)]
    [InlineData(DataType.Double)]
    [InlineData(DataType.Int64)]
    [InlineData(DataType.Int32)]
    public void Onnx_runtime_computes_the_same_before_and_after_conversion(DataType type)
    {
        var (proto, _) = Encoded(type);
        var original = ProtoModels.AddWeight(proto);
        var model = ProtoModels.Read(original);
        var inputs = RandomInputs.For(model);

        using var typed = OnnxRuntimeSession.FromBytes(original.ToByteArray());
        using var raw = OnnxRuntimeSession.FromModel(model);
        var expected = typed.Run(inputs).Single();
        var actual = raw.Run(inputs).Single();

        Assert.Equal(expected.Bytes.ToArray(), actual.Bytes.ToArray());
        // And the runtime really added the weight: y - x == w.
        var x = inputs.Single().ToDoubles();
        var w = model.Graph.Initializers["w"].ToDoubles();
        Assert.Equal(x.Zip(w, (a, b) => a + b), actual.ToDoubles());
    }

    [Fact]
    public void Raw_data_wins_over_typed_fields_when_both_are_present()
    {
        var proto = ProtoModels.Tensor("w", DataType.Float, 2);
        proto.RawData = ByteString.CopyFrom(Bytes(3f, 4f));
        proto.FloatData.Add([1f, 2f]);
        Assert.Equal([3f, 4f], ProtoModels.Read(ProtoModels.AddWeight(proto)).Graph.Initializers["w"].ToFloats());
    }

    [Fact]
    public void Too_few_typed_values_is_an_invalid_model()
    {
        var proto = ProtoModels.Tensor("w", DataType.Int64, 3);
        proto.Int64Data.Add([1, 2]);
        var error = Assert.Throws<InvalidModelException>(() => ProtoModels.Read(ProtoModels.AddWeight(proto)));
        Assert.Contains("'w'", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated or corrupt tensor data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_tensors_round_trip()
    {
        var proto = ProtoModels.Tensor("labels", DataType.String, 2);
        proto.StringData.Add([ByteString.CopyFromUtf8("cat"), ByteString.CopyFromUtf8("")]);
        var model = ProtoModels.Read(ProtoModels.AddWeight(proto));
        Assert.Equal(["cat"u8.ToArray(), []], model.Graph.Initializers["labels"].Strings.ToArray());
        Assert.Equal(proto, ProtoModels.Written(model).Graph.Initializer.Single());
    }
}
