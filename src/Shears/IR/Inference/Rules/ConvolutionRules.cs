namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of Conv and ConvTranspose (any number of spatial dimensions, groups, dilations, padding modes).</summary>
internal static class ConvolutionRules
{
    public static void Register(RuleTable table)
    {
        table.Add(Conv, "Conv");
        table.Add(ConvTranspose, "ConvTranspose");
    }

    private static void Conv(InferenceContext c)
    {
        var x = c.Shape(0);
        var w = c.Shape(1);
        if (x.Rank < 3 || w.Rank != x.Rank)
        {
            throw c.Invalid($"input {x} and weight {w} must have the same rank, at least 3");
        }
        var group = c.Int("group", 1);
        if (group <= 0)
        {
            throw c.Invalid($"group {group} must be positive");
        }
        if (x[1].Value is { } channels && w[1].Value is { } perGroup && channels != perGroup * group)
        {
            throw c.Invalid($"input has {channels} channels but weight {w} with group {group} expects {perGroup * group}");
        }
        if (w[0].Value is { } filters && filters % group != 0)
        {
            throw c.Invalid($"{filters} filters do not divide into {group} groups");
        }
        CheckBias(c, w[0]);
        var kernel = c.Ints("kernel_shape") ?? KernelFromWeight(w);
        var spatial = SlidingWindow.OutputSizes(c, x, kernel);
        c.SetOutput(0, c.InputType(0), new Shape([x[0], w[0], .. spatial]));
    }

    private static void ConvTranspose(InferenceContext c)
    {
        var x = c.Shape(0);
        var w = c.Shape(1);
        if (x.Rank < 3 || w.Rank != x.Rank)
        {
            throw c.Invalid($"input {x} and weight {w} must have the same rank, at least 3");
        }
        var group = c.Int("group", 1);
        if (x[1].Value is { } channels && w[0].Value is { } wc && channels != wc)
        {
            throw c.Invalid($"input has {channels} channels but weight {w} expects {wc}");
        }
        var outChannels = w[1].Value is { } m ? Dim.Of(m * group) : Dim.Unknown;
        CheckBias(c, outChannels);
        var spatialRank = x.Rank - 2;
        var kernel = c.Ints("kernel_shape") ?? KernelFromWeight(w);
        var strides = c.Ints("strides") ?? SlidingWindow.Ones(spatialRank);
        var dilations = c.Ints("dilations") ?? SlidingWindow.Ones(spatialRank);
        var pads = c.Ints("pads") ?? new long[2 * spatialRank];
        var outputPadding = c.Ints("output_padding") ?? new long[spatialRank];
        var outputShape = c.Ints("output_shape");
        var autoPad = c.String("auto_pad", "NOTSET");
        var spatial = new Dim[spatialRank];
        for (var i = 0; i < spatialRank; i++)
        {
            if (outputShape is not null)
            {
                // Some exporters write the full N, C, spatial shape here; the spatial part is what counts.
                spatial[i] = outputShape[outputShape.Length - spatialRank + i];
                continue;
            }
            if (x[i + 2].Value is not { } size)
            {
                spatial[i] = Dim.Unknown;
                continue;
            }
            var full = (strides[i] * (size - 1)) + outputPadding[i] + ((kernel[i] - 1) * dilations[i]) + 1;
            var output = autoPad is "SAME_UPPER" or "SAME_LOWER" ? size * strides[i]
                : autoPad == "VALID" ? full
                : full - pads[i] - pads[i + spatialRank];
            if (output <= 0)
            {
                throw c.Invalid($"output size {output} on axis {i + 2} is not positive");
            }
            spatial[i] = output;
        }
        c.SetOutput(0, c.InputType(0), new Shape([x[0], outChannels, .. spatial]));
    }

    private static long[] KernelFromWeight(Shape w)
    {
        var kernel = new long[w.Rank - 2];
        for (var i = 0; i < kernel.Length; i++)
        {
            kernel[i] = w[i + 2].Value ?? throw new UnknownShapeSignal();
        }
        return kernel;
    }

    private static void CheckBias(InferenceContext c, Dim channels)
    {
        if (c.InputShape(2) is { } bias && (bias.Rank != 1 || (bias[0].Value is { } b && channels.Value is { } m && b != m)))
        {
            throw c.Invalid($"bias shape {bias} does not match {channels} output channels");
        }
    }
}
