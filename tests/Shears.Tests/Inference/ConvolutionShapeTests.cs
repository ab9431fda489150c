using Shears.IR;
using Shears.IR.Inference;
using static Shears.Tests.Inference.InferenceHarness;

namespace Shears.Tests.Inference;

public sealed class ConvolutionShapeTests
{
    [Fact]
    public void Conv_with_stride_and_padding_halves_the_image()
    {
        var shape = ShapeOf(b => b.Add("Conv", [b.Input("x", 1, 3, 224, 224), b.Initializer(Zeros("w", 64, 3, 7, 7))],
            Ints("strides", 2, 2), Ints("pads", 3, 3, 3, 3)));
        Assert.Equal(S(1, 64, 112, 112), shape);
    }

    [Fact]
    public void Conv_auto_pad_same_upper_rounds_up()
    {
        var shape = ShapeOf(b => b.Add("Conv", [b.Input("x", 2, 4, 7, 9), b.Initializer(Zeros("w", 8, 4, 3, 3))],
            Ints("strides", 2, 2), Str("auto_pad", "SAME_UPPER")));
        Assert.Equal(S(2, 8, 4, 5), shape);
    }

    [Fact]
    public void Conv_valid_with_dilation_uses_the_effective_kernel()
    {
        var shape = ShapeOf(b => b.Add("Conv", [b.Input("x", 1, 2, 10, 10), b.Initializer(Zeros("w", 3, 2, 3, 3))],
            Ints("dilations", 2, 2), Str("auto_pad", "VALID")));
        Assert.Equal(S(1, 3, 6, 6), shape);
    }

    [Fact]
    public void Depthwise_conv_keeps_channels_and_accepts_asymmetric_pads()
    {
        var shape = ShapeOf(b => b.Add("Conv", [b.Input("x", 1, 32, 15, 15), b.Initializer(Zeros("w", 32, 1, 3, 3)), b.Initializer(Zeros("bias", 32))],
            Int("group", 32), Ints("strides", 2, 2), Ints("pads", 1, 1, 2, 2)));
        Assert.Equal(S(1, 32, 8, 8), shape);
    }

    [Fact]
    public void Conv1d_and_conv3d_have_their_own_spatial_rank()
    {
        Assert.Equal(S(1, 4, 8), ShapeOf(b => b.Add("Conv", [b.Input("x", 1, 2, 10), b.Initializer(Zeros("w", 4, 2, 3))])));
        Assert.Equal(S(1, 4, 3, 6, 6), ShapeOf(b => b.Add("Conv", [b.Input("x", 1, 2, 5, 8, 8), b.Initializer(Zeros("w", 4, 2, 3, 3, 3))])));
    }

    [Fact]
    public void Conv_channel_mismatch_is_an_error_naming_the_node()
    {
        var error = Assert.Throws<ShapeInferenceException>(() =>
            ShapeOf(b => b.Add("Conv", [b.Input("x", 1, 3, 8, 8), b.Initializer(Zeros("w", 4, 2, 3, 3))])));
        Assert.Contains("Conv", error.Message);
        Assert.Contains("3 channels", error.Message);
    }

    [Fact]
    public void ConvTranspose_doubles_with_output_padding_and_multiplies_groups()
    {
        var shape = ShapeOf(b => b.Add("ConvTranspose", [b.Input("x", 1, 16, 16, 16), b.Initializer(Zeros("w", 16, 4, 3, 3))],
            Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Ints("output_padding", 1, 1), Int("group", 2)));
        Assert.Equal(S(1, 8, 32, 32), shape);
    }

    [Fact]
    public void ConvTranspose_output_shape_attribute_wins()
    {
        var shape = ShapeOf(b => b.Add("ConvTranspose", [b.Input("x", 1, 4, 5, 5), b.Initializer(Zeros("w", 4, 2, 3, 3))],
            Ints("strides", 2, 2), Ints("output_shape", 10, 11)));
        Assert.Equal(S(1, 2, 10, 11), shape);
    }

    [Theory]
    [InlineData(112, 3, 2, 0, 0, 55)]
    [InlineData(112, 3, 2, 0, 1, 56)]
    [InlineData(5, 2, 2, 1, 1, 3)]
    [InlineData(6, 2, 2, 1, 1, 4)]
    [InlineData(13, 3, 2, 0, 1, 6)]
    public void MaxPool_output_follows_floor_or_ceil_mode(long size, long kernel, long stride, long pad, long ceil, long expected)
    {
        var shape = ShapeOf(b => b.AddMany("MaxPool", [b.Input("x", 1, 2, size, size)], 1,
            Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pad, pad, pad, pad), Int("ceil_mode", ceil))[0]);
        Assert.Equal(S(1, 2, expected, expected), shape);
    }

    [Fact]
    public void Global_pooling_keeps_rank()
    {
        Assert.Equal(S(3, 7, 1, 1), ShapeOf(b => b.Add("GlobalAveragePool", [b.Input("x", 3, 7, 9, 9)])));
    }

    [Fact]
    public void Symbolic_batch_passes_through_convolution()
    {
        var shape = ShapeOf(
            b => b.Add("Conv", [b.Input("x", DataType.Float, Dim.Named("N"), 3, 8, 8), b.Initializer(Zeros("w", 4, 3, 3, 3))]),
            options: new ShapeInferenceOptions { DefaultDimValue = null });
        Assert.Equal(new Shape([Dim.Named("N"), 4, 6, 6]), shape);
    }
}
