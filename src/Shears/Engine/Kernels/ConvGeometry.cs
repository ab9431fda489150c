namespace Shears.Engine.Kernels;

/// <summary>
/// Shape of a 2-D convolution over NCHW float32 tensors. Input is [N, C, H, W], weight is
/// [K, C / Groups, R, S], output is [N, K, OutHeight, OutWidth], bias is [K].
/// </summary>
/// <param name="Batch">N, images in the batch.</param>
/// <param name="InChannels">C, input channels.</param>
/// <param name="InHeight">H, input height.</param>
/// <param name="InWidth">W, input width.</param>
/// <param name="OutChannels">K, output channels.</param>
/// <param name="KernelHeight">R, kernel height.</param>
/// <param name="KernelWidth">S, kernel width.</param>
public sealed record ConvGeometry(int Batch, int InChannels, int InHeight, int InWidth, int OutChannels, int KernelHeight, int KernelWidth)
{
    /// <summary>Step between kernel positions down the height; 1 by default.</summary>
    public int StrideHeight { get; init; } = 1;

    /// <summary>Step between kernel positions across the width; 1 by default.</summary>
    public int StrideWidth { get; init; } = 1;

    /// <summary>Spacing between kernel taps down the height; 1 (adjacent) by default.</summary>
    public int DilationHeight { get; init; } = 1;

    /// <summary>Spacing between kernel taps across the width; 1 (adjacent) by default.</summary>
    public int DilationWidth { get; init; } = 1;

    /// <summary>Zero rows added above the input.</summary>
    public int PadTop { get; init; }

    /// <summary>Zero columns added left of the input.</summary>
    public int PadLeft { get; init; }

    /// <summary>Zero rows added below the input.</summary>
    public int PadBottom { get; init; }

    /// <summary>Zero columns added right of the input.</summary>
    public int PadRight { get; init; }

    /// <summary>Channel groups; each output channel sees only the InChannels / Groups inputs of its group.</summary>
    public int Groups { get; init; } = 1;

    /// <summary>Output height, by <see cref="OutputSize"/>.</summary>
    public int OutHeight => OutputSize(InHeight, KernelHeight, StrideHeight, DilationHeight, PadTop, PadBottom);

    /// <summary>Output width, by <see cref="OutputSize"/>.</summary>
    public int OutWidth => OutputSize(InWidth, KernelWidth, StrideWidth, DilationWidth, PadLeft, PadRight);

    /// <summary>Input channels each filter reads: <see cref="InChannels"/> / <see cref="Groups"/>.</summary>
    public int InChannelsPerGroup => InChannels / Groups;

    /// <summary>Output channels each group produces: <see cref="OutChannels"/> / <see cref="Groups"/>.</summary>
    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>One filter per channel: groups == input channels == output channels.</summary>
    public bool IsDepthwise => Groups == InChannels && OutChannels == InChannels;

    /// <summary>A 1 x 1 kernel with unit stride and no padding: the convolution is a plain GEMM on the input.</summary>
    public bool IsPointwise =>
        KernelHeight == 1 && KernelWidth == 1 && StrideHeight == 1 && StrideWidth == 1
        && PadTop == 0 && PadLeft == 0 && PadBottom == 0 && PadRight == 0;

    /// <summary>Floats in the input tensor, N·C·H·W.</summary>
    public long InputLength => (long)Batch * InChannels * InHeight * InWidth;

    /// <summary>Floats in the output tensor, N·K·OutHeight·OutWidth.</summary>
    public long OutputLength => (long)Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Floats in the weight tensor, K·(C / Groups)·R·S.</summary>
    public long WeightLength => (long)OutChannels * InChannelsPerGroup * KernelHeight * KernelWidth;

    /// <summary>
    /// Output extent along one axis: <c>(input + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride + 1</c>.
    /// </summary>
    public static int OutputSize(int input, int kernel, int stride, int dilation, int padBefore, int padAfter) =>
        ((input + padBefore + padAfter - (dilation * (kernel - 1)) - 1) / stride) + 1;

    /// <summary>A compact description that, unlike the record default, never evaluates the derived sizes.</summary>
    public override string ToString() =>
        $"N={Batch} C={InChannels} H={InHeight} W={InWidth} K={OutChannels} R={KernelHeight} S={KernelWidth} "
        + $"stride={StrideHeight}x{StrideWidth} dilation={DilationHeight}x{DilationWidth} "
        + $"pads(t,l,b,r)=({PadTop},{PadLeft},{PadBottom},{PadRight}) groups={Groups}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        Require(Batch >= 0 && InChannels > 0 && InHeight > 0 && InWidth > 0, "batch must be >= 0 and input channels, height and width > 0");
        Require(OutChannels > 0 && KernelHeight > 0 && KernelWidth > 0, "output channels and kernel size must be > 0");
        Require(StrideHeight > 0 && StrideWidth > 0, "strides must be > 0");
        Require(DilationHeight > 0 && DilationWidth > 0, "dilations must be > 0");
        Require(PadTop >= 0 && PadLeft >= 0 && PadBottom >= 0 && PadRight >= 0, "pads must be >= 0");
        Require(Groups > 0 && InChannels % Groups == 0 && OutChannels % Groups == 0, "groups must divide both input and output channels");
        Require(
            InHeight + PadTop + PadBottom >= (DilationHeight * (KernelHeight - 1)) + 1
            && InWidth + PadLeft + PadRight >= (DilationWidth * (KernelWidth - 1)) + 1,
            "the dilated kernel is larger than the padded input");
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid convolution {this}: {message}");
        }
    }
}
