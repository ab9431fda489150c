using System.Buffers.Binary;
using Shears.IR;

namespace Shears.Tests.IR;

public sealed class TensorTests
{
    [Fact]
    public void Float_tensor_views_give_back_the_values()
    {
        float[] values = [1.5f, -0f, float.NaN, float.PositiveInfinity, 3e-39f, -7.25f];
        var tensor = Tensor.FromFloats("w", [2, 3], values);

        Assert.Equal(6, tensor.ElementCount);
        Assert.Equal(24, tensor.ByteCount);
        Assert.Equal(Shape.Of(2, 3), tensor.Shape);
        // Bit patterns, so -0, NaN and denormals count.
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), tensor.AsFloats().ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), tensor.ToFloats().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(values.Select(v => (double)v), tensor.ToDoubles());
    }

    [Theory]
    [InlineData(DataType.Int8, new byte[] { 0xFF, 0x7F }, new long[] { -1, 127 })]
    [InlineData(DataType.UInt8, new byte[] { 0xFF, 0x7F }, new long[] { 255, 127 })]
    [InlineData(DataType.Bool, new byte[] { 1, 0 }, new long[] { 1, 0 })]
    [InlineData(DataType.Int16, new byte[] { 0xFE, 0xFF, 0x00, 0x80 }, new long[] { -2, -32768 })]
    [InlineData(DataType.UInt16, new byte[] { 0xFE, 0xFF, 0x00, 0x80 }, new long[] { 65534, 32768 })]
    [InlineData(DataType.Int32, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x80 }, new long[] { -1, int.MinValue })]
    [InlineData(DataType.UInt32, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x80 }, new long[] { uint.MaxValue, 0x80000000 })]
    public void Integer_types_convert_to_int64_and_double_with_their_sign(DataType type, byte[] bytes, long[] expected)
    {
        var tensor = Tensor.FromBytes("t", type, [2], bytes);
        Assert.Equal(expected, tensor.ToInt64s());
        Assert.Equal(expected.Select(v => (double)v), tensor.ToDoubles());
    }

    [Fact]
    public void Int64_tensor_keeps_extreme_values()
    {
        long[] values = [long.MinValue, -1, 0, long.MaxValue];
        var tensor = Tensor.FromInt64s("i", [4], values);
        Assert.Equal(values, tensor.ToInt64s());
        Assert.Equal(values, Tensor.Vector("v", values).ToInt64s());
    }

    [Fact]
    public void Half_precision_types_convert_exactly()
    {
        float[] values = [1.5f, -2f, 0.25f, 65504f];
        var half = new byte[8];
        var bfloat = new byte[8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(half.AsSpan(2 * i), BitConverter.HalfToUInt16Bits((Half)values[i]));
            // bfloat16 is the top half of a float32; these values need no rounding.
            BinaryPrimitives.WriteUInt16LittleEndian(bfloat.AsSpan(2 * i), (ushort)(BitConverter.SingleToUInt32Bits(values[i]) >> 16));
        }
        Assert.Equal(values, Tensor.FromBytes("h", DataType.Float16, [4], half).ToFloats());
        Assert.Equal(values[..3], Tensor.FromBytes("b", DataType.BFloat16, [4], bfloat).ToFloats()[..3]);
    }

    [Fact]
    public void Byte_count_must_match_type_and_dims()
    {
        var error = Assert.Throws<InvalidDataException>(() => Tensor.FromBytes("bias", DataType.Float, [3], new byte[11]));
        Assert.Contains("'bias'", error.Message, StringComparison.Ordinal);
        Assert.Contains("need 12", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => Tensor.FromBytes("neg", DataType.Float, [-1], new byte[4]));
    }

    [Theory]
    [InlineData(DataType.Int4, 5, 3)]
    [InlineData(DataType.UInt4, 4, 2)]
    [InlineData(DataType.Float4E2M1, 1, 1)]
    public void Four_bit_types_pack_two_elements_per_byte(DataType type, long count, int bytes)
    {
        Assert.Equal(bytes, DataTypes.ByteCount(type, count));
        Assert.Equal(count, Tensor.FromBytes("q", type, [count], new byte[bytes]).ElementCount);
        Assert.Throws<InvalidDataException>(() => Tensor.FromBytes("q", type, [count], new byte[bytes + 1]));
    }

    [Fact]
    public void String_tensors_hold_their_strings()
    {
        byte[][] strings = ["a"u8.ToArray(), [], "héllo"u8.ToArray()];
        var tensor = Tensor.FromStrings("s", [3], strings);
        Assert.Equal(DataType.String, tensor.ElementType);
        Assert.Equal(7, tensor.ByteCount);
        Assert.Equal(strings, tensor.Strings);
        Assert.Throws<InvalidDataException>(() => Tensor.FromStrings("s", [2], strings));
        Assert.Throws<InvalidOperationException>(tensor.ToDoubles);
        Assert.Throws<ArgumentException>(() => Tensor.FromBytes("s", DataType.String, [0], Array.Empty<byte>()));
    }

    [Fact]
    public void Reshaped_and_renamed_share_data_and_keep_extras()
    {
        var tensor = Tensor.FromFloats("w", [2, 3], [1, 2, 3, 4, 5, 6]).WithExtras([0x62, 0x01, 0x78]);

        var reshaped = tensor.Reshaped([3, 2]);
        Assert.Equal([3L, 2L], reshaped.Dims.ToArray());
        Assert.Equal(tensor.ToFloats(), reshaped.ToFloats());
        Assert.Equal(tensor.Extras, reshaped.Extras);
        Assert.Throws<ArgumentException>(() => tensor.Reshaped([4, 2]));

        var renamed = tensor.Renamed("w2");
        Assert.Equal("w2", renamed.Name);
        Assert.Equal("w", tensor.Name);
        Assert.Equal(tensor.Extras, renamed.Extras);
        Assert.True(tensor.Bytes.Span == renamed.Bytes.Span, "renaming should not copy the data");
    }

    [Fact]
    public void Scalar_has_rank_zero_and_one_element()
    {
        var scalar = Tensor.FromFloats("s", [], [4f]);
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(1, scalar.ElementCount);
        Assert.Equal(Shape.Scalar, scalar.Shape);
    }

    [Fact]
    public void Bool_tensors_store_one_byte_per_element()
    {
        var tensor = Tensor.FromBools("b", [3], [true, false, true]);
        Assert.Equal([1, 0, 1], tensor.Bytes.ToArray());
        Assert.Equal([1L, 0L, 1L], tensor.ToInt64s());
    }
}
