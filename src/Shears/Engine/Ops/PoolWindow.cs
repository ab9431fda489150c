namespace Shears.Engine.Ops;

/// <summary>
/// Where each pooling window falls, for up to three spatial axes (inputs with fewer get leading unit
/// axes, so one loop nest serves 1-D, 2-D and 3-D). Per axis and output position: the first input
/// index inside the input, how many taps land inside the input, and how many inside the padded input
/// (the divisor of count_include_pad averaging). Pads come from the attribute or from auto_pad.
/// </summary>
internal sealed class PoolWindow
{
    public const int Axes = 3;

    private PoolWindow(int planes, int[] input, int[] output, int[] dilation, int[][] first, int[][] taps, int[][] paddedTaps)
    {
        Planes = planes;
        Input = input;
        Output = output;
        Dilation = dilation;
        First = first;
        Taps = taps;
        PaddedTaps = paddedTaps;
        InputPlane = input[0] * input[1] * input[2];
        OutputPlane = output[0] * output[1] * output[2];
    }

    /// <summary>Batch × channels: the number of independent planes.</summary>
    public int Planes { get; }

    /// <summary>Spatial input sizes (D, H, W).</summary>
    public int[] Input { get; }

    /// <summary>Spatial output sizes (D, H, W).</summary>
    public int[] Output { get; }

    public int[] Dilation { get; }

    public int[][] First { get; }

    public int[][] Taps { get; }

    public int[][] PaddedTaps { get; }

    public int InputPlane { get; }

    public int OutputPlane { get; }

    public static PoolWindow Create(OpExecutorContext c, int[] inputShape, int[] outputShape)
    {
        var spatial = inputShape.Length - 2;
        if (spatial < 1 || spatial > Axes)
        {
            throw c.Fail($"pools over 1 to 3 spatial axes; the input has {spatial}");
        }
        var kernel = c.Node.GetInts("kernel_shape") ?? throw c.Fail("attribute 'kernel_shape' is required");
        var strides = c.Node.GetInts("strides") ?? Ones(spatial);
        var dilations = c.Node.GetInts("dilations") ?? Ones(spatial);
        var pads = c.Node.GetInts("pads") ?? new long[2 * spatial];
        if (kernel.Length != spatial || strides.Length != spatial || dilations.Length != spatial || pads.Length != 2 * spatial)
        {
            throw c.Fail($"kernel_shape, strides, dilations or pads do not match {spatial} spatial axes");
        }
        var autoPad = c.Node.GetString("auto_pad", "NOTSET");
        var input = new[] { 1, 1, 1 };
        var output = new[] { 1, 1, 1 };
        var dilation = new[] { 1, 1, 1 };
        var first = new int[Axes][];
        var taps = new int[Axes][];
        var padded = new int[Axes][];
        for (var slot = 0; slot < Axes; slot++)
        {
            first[slot] = [0];
            taps[slot] = [1];
            padded[slot] = [1];
        }
        for (var s = 0; s < spatial; s++)
        {
            var slot = Axes - spatial + s;
            var size = inputShape[s + 2];
            var outSize = outputShape[s + 2];
            var k = (int)kernel[s];
            var stride = (int)strides[s];
            var d = (int)dilations[s];
            var (before, after) = autoPad switch
            {
                "NOTSET" or "" => ((int)pads[s], (int)pads[s + spatial]),
                "VALID" => (0, 0),
                "SAME_UPPER" or "SAME_LOWER" => SamePads(size, outSize, k, stride, d, autoPad == "SAME_UPPER"),
                _ => throw c.Fail($"auto_pad '{autoPad}' is not NOTSET, VALID, SAME_UPPER or SAME_LOWER"),
            };
            input[slot] = size;
            output[slot] = outSize;
            dilation[slot] = d;
            first[slot] = new int[outSize];
            taps[slot] = new int[outSize];
            padded[slot] = new int[outSize];
            for (var o = 0; o < outSize; o++)
            {
                var start = (o * stride) - before;
                // Taps j = 0..k−1 sit at start + j·d; the valid ones form one contiguous range of j.
                var low = start >= 0 ? 0 : (-start + d - 1) / d;
                var high = size - 1 - start < 0 ? 0 : Math.Min(k, ((size - 1 - start) / d) + 1);
                first[slot][o] = start + (low * d);
                taps[slot][o] = Math.Max(0, high - low);
                var paddedEnd = size + after - start;
                padded[slot][o] = paddedEnd <= 0 ? 0 : Math.Min(k, (paddedEnd + d - 1) / d);
            }
        }
        return new PoolWindow(inputShape[0] * inputShape[1], input, output, dilation, first, taps, padded);
    }

    /// <summary>Calls the visitor for every output element of planes [firstPlane, endPlane) and every tap of its window inside the input.</summary>
    public void Visit<TVisitor>(ref TVisitor visitor, int firstPlane, int endPlane)
        where TVisitor : struct, IWindowVisitor
    {
        // Everything the loop nest reads is hoisted into locals so the JIT keeps it in registers.
        var (depth, height, width) = (Output[0], Output[1], Output[2]);
        var (inputHeight, inputWidth) = (Input[1], Input[2]);
        var (firstD, firstH, firstW) = (First[0], First[1], First[2]);
        var (tapsD, tapsH, tapsW) = (Taps[0], Taps[1], Taps[2]);
        var (paddedD, paddedH, paddedW) = (PaddedTaps[0], PaddedTaps[1], PaddedTaps[2]);
        var (stepD, stepH, stepW) = (Dilation[0], Dilation[1], Dilation[2]);
        for (var p = firstPlane; p < endPlane; p++)
        {
            var inputBase = p * InputPlane;
            var output = p * OutputPlane;
            for (var od = 0; od < depth; od++)
            {
                var (d0, nd) = (firstD[od], tapsD[od]);
                for (var oh = 0; oh < height; oh++)
                {
                    var (h0, nh) = (firstH[oh], tapsH[oh]);
                    for (var ow = 0; ow < width; ow++, output++)
                    {
                        var (w0, nw) = (firstW[ow], tapsW[ow]);
                        visitor.Begin(output, nd * nh * nw, paddedD[od] * paddedH[oh] * paddedW[ow]);
                        for (int td = 0, d = d0; td < nd; td++, d += stepD)
                        {
                            for (int th = 0, h = h0; th < nh; th++, h += stepH)
                            {
                                var tap = inputBase + (((d * inputHeight) + h) * inputWidth) + w0;
                                for (var tw = 0; tw < nw; tw++, tap += stepW)
                                {
                                    visitor.Tap(tap);
                                }
                            }
                        }
                        visitor.End(output);
                    }
                }
            }
        }
    }

    private static (int Before, int After) SamePads(int size, int output, int kernel, int stride, int dilation, bool extraAfter)
    {
        var total = Math.Max(0, ((output - 1) * stride) + ((kernel - 1) * dilation) + 1 - size);
        var smaller = total / 2;
        return extraAfter ? (smaller, total - smaller) : (total - smaller, smaller);
    }

    private static long[] Ones(int count) => [.. Enumerable.Repeat(1L, count)];
}

/// <summary>What a pooling executor does per window; a struct so the JIT inlines it into the loop nest.</summary>
internal interface IWindowVisitor
{
    /// <summary>Starts output element <paramref name="output"/>, whose window has the given valid and padded tap counts.</summary>
    void Begin(int output, int taps, int paddedTaps);

    /// <summary>One tap, by its index in the whole input.</summary>
    void Tap(int input);

    void End(int output);
}
