namespace Shears.IR.Inference.Rules;

/// <summary>Output sizes of sliding-window operators (convolution, pooling) under ONNX padding rules.</summary>
internal static class SlidingWindow
{
    /// <summary>Spatial output sizes, one per spatial axis of <paramref name="input"/> (which starts with N and C).</summary>
    public static Dim[] OutputSizes(InferenceContext c, Shape input, long[] kernel, bool ceilMode = false)
    {
        var spatial = input.Rank - 2;
        if (kernel.Length != spatial)
        {
            throw c.Invalid($"kernel has {kernel.Length} dimensions but the input {input} has {spatial} spatial ones");
        }
        var strides = c.Ints("strides") ?? Ones(spatial);
        var dilations = c.Ints("dilations") ?? Ones(spatial);
        var pads = c.Ints("pads") ?? new long[2 * spatial];
        if (strides.Length != spatial || dilations.Length != spatial || pads.Length != 2 * spatial)
        {
            throw c.Invalid($"strides, dilations or pads do not match {spatial} spatial dimensions");
        }
        if (strides.Any(s => s <= 0) || dilations.Any(d => d <= 0) || kernel.Any(k => k <= 0))
        {
            throw c.Invalid("strides, dilations and kernel sizes must be positive");
        }
        var autoPad = c.String("auto_pad", "NOTSET");
        var result = new Dim[spatial];
        for (var i = 0; i < spatial; i++)
        {
            if (input[i + 2].Value is not { } size)
            {
                result[i] = Dim.Unknown;
                continue;
            }
            var effectiveKernel = ((kernel[i] - 1) * dilations[i]) + 1;
            long output;
            switch (autoPad)
            {
                case "SAME_UPPER":
                case "SAME_LOWER":
                    output = CeilDiv(size, strides[i]);
                    break;
                case "VALID":
                    output = CeilDiv(size - effectiveKernel + 1, strides[i]);
                    break;
                case "NOTSET":
                case "":
                    var span = size + pads[i] + pads[i + spatial] - effectiveKernel;
                    if (span < 0)
                    {
                        throw c.Invalid($"kernel {effectiveKernel} is larger than padded input {size + pads[i] + pads[i + spatial]} on axis {i + 2}");
                    }
                    if (ceilMode)
                    {
                        output = CeilDiv(span, strides[i]) + 1;
                        // A window that would start in the end padding alone is dropped.
                        if ((output - 1) * strides[i] >= size + pads[i])
                        {
                            output--;
                        }
                    }
                    else
                    {
                        output = (span / strides[i]) + 1;
                    }
                    break;
                default:
                    throw c.Invalid($"unknown auto_pad '{autoPad}'");
            }
            if (output <= 0)
            {
                throw c.Invalid($"output size {output} on axis {i + 2} is not positive");
            }
            result[i] = output;
        }
        return result;
    }

    public static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);

    public static long[] Ones(int count) => Enumerable.Repeat(1L, count).ToArray();
}
