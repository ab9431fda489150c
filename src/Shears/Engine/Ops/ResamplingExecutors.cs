namespace Shears.Engine.Ops;

/// <summary>
/// Registration of Resize (opset 10 on) and Upsample (7–9). Nearest mode is a fixed index map (a
/// <see cref="RearrangeExecutor"/>, so it also has a gradient); linear and cubic interpolate one axis
/// at a time. Coordinates are computed in float32 the way ONNX Runtime does, so the nearest index
/// matches it at exact halves.
/// </summary>
internal static class ResamplingExecutors
{
    public static void Register(OpExecutorTable table) => table.Add(Resize, "Resize", "Upsample");

    private static OpExecutor Resize(OpExecutorContext c)
    {
        var input = c.Inputs[0]!.Shape;
        var output = c.OutputShape(0);
        // Before Resize-11 the only transformation was asymmetric with truncating nearest rounding.
        var modern = c.Node.OpType == "Resize" && c.Opset >= 11;
        if (c.Node.GetInt("antialias", 0) != 0)
        {
            throw c.Fail("antialias=1 is not supported");
        }
        var scales = Scales(c, input, output, modern);
        var transform = modern ? c.Node.GetString("coordinate_transformation_mode", "half_pixel") : "asymmetric";
        Func<int, float, int, int, float> original = transform switch
        {
            "half_pixel" => (x, scale, _, _) => ((x + 0.5f) / scale) - 0.5f,
            "asymmetric" => (x, scale, _, _) => x / scale,
            "pytorch_half_pixel" => (x, scale, outLength, _) => outLength > 1 ? ((x + 0.5f) / scale) - 0.5f : 0f,
            "tf_half_pixel_for_nn" => (x, scale, _, _) => (x + 0.5f) / scale,
            "align_corners" => (x, _, outLength, inLength) => outLength == 1 ? 0f : x * (inLength - 1) / (float)(outLength - 1),
            "half_pixel_symmetric" => HalfPixelSymmetric,
            _ => throw c.Fail($"coordinate_transformation_mode '{transform}' is not supported"),
        };
        var mode = c.Node.GetString("mode", "nearest");
        switch (mode)
        {
            case "nearest":
                var rounding = NearestRounding(c, modern ? c.Node.GetString("nearest_mode", "round_prefer_floor") : "simple");
                var strides = ShapeMath.Strides(input);
                var tables = new int[input.Length][];
                for (var a = 0; a < input.Length; a++)
                {
                    var (inLength, outLength, scale, stride) = (input[a], output[a], scales[a], strides[a]);
                    tables[a] = new int[Math.Max(outLength, 1)];
                    for (var x = 0; x < outLength; x++)
                    {
                        // An axis of scale 1 maps straight through, whatever the transformation would say (ONNX Runtime does the same).
                        var index = scale == 1f ? x : rounding(original(x, scale, outLength, inLength), scale < 1f);
                        tables[a][x] = (int)Math.Clamp(index, 0, inLength - 1) * stride;
                    }
                }
                return new RearrangeExecutor(c, tables, injective: false);
            case "linear" or "bilinear" or "cubic":
                var cubicA = c.Node.GetFloat("cubic_coeff_a", -0.75f);
                var excludeOutside = c.Node.GetInt("exclude_outside", 0) != 0;
                var taps = new InterpolationTaps?[input.Length];
                for (var a = 0; a < input.Length; a++)
                {
                    var (inLength, outLength, scale) = (input[a], output[a], scales[a]);
                    taps[a] = mode == "cubic"
                        ? CubicTaps(inLength, outLength, x => original(x, scale, outLength, inLength), cubicA, excludeOutside)
                        : LinearTaps(inLength, outLength, x => original(x, scale, outLength, inLength));
                }
                return new SeparableResizeExecutor(c, taps);
            default:
                throw c.Fail($"mode '{mode}' is not nearest, linear or cubic");
        }
    }

    /// <summary>Per-axis scale: given (attribute or input), or output/input size when sizes were given.</summary>
    private static float[] Scales(OpExecutorContext c, int[] input, int[] output, bool modern)
    {
        var rank = input.Length;
        float[]? given;
        if (c.Node.OpType == "Upsample" && c.Opset < 9)
        {
            given = c.Node.GetFloats("scales") ?? throw c.Fail("attribute 'scales' is required");
        }
        else
        {
            given = ConstantInputs.Floats(c, modern ? 2 : 1);
        }
        var axes = c.Node.GetInts("axes")?.Select(a => ShapeMath.Axis(c, a, rank)).ToArray() ?? [.. Enumerable.Range(0, rank)];
        var scales = new float[rank];
        for (var a = 0; a < rank; a++)
        {
            scales[a] = input[a] == 0 ? 1f : output[a] / (float)input[a];
        }
        if (given is { Length: > 0 })
        {
            if (given.Length != axes.Length)
            {
                throw c.Fail($"{given.Length} scales for {axes.Length} axes");
            }
            for (var i = 0; i < axes.Length; i++)
            {
                scales[axes[i]] = given[i];
            }
        }
        return scales;
    }

    private static float HalfPixelSymmetric(int x, float scale, int outLength, int inLength)
    {
        var adjustment = outLength / (scale * inLength);
        var center = inLength / 2f;
        var offset = center * (1f - adjustment);
        return offset + ((x + 0.5f) / scale) - 0.5f;
    }

    private static Func<float, bool, long> NearestRounding(OpExecutorContext c, string mode) => mode switch
    {
        "round_prefer_floor" => (x, _) => x == MathF.Floor(x) + 0.5f ? (long)MathF.Floor(x) : (long)MathF.Round(x, MidpointRounding.AwayFromZero),
        "round_prefer_ceil" => (x, _) => (long)MathF.Round(x, MidpointRounding.AwayFromZero),
        "floor" => (x, _) => (long)MathF.Floor(x),
        "ceil" => (x, _) => (long)MathF.Ceiling(x),
        // Resize-10 and Upsample: truncate when enlarging, round up when shrinking.
        "simple" => (x, downsampling) => downsampling ? (long)MathF.Ceiling(x) : (long)x,
        _ => throw c.Fail($"nearest_mode '{mode}' is not supported"),
    };

    /// <summary>Two taps at ⌊x⌋ and ⌊x⌋+1 with x clamped into the input; at the last position both taps are the edge.</summary>
    private static InterpolationTaps LinearTaps(int inLength, int outLength, Func<int, float> original)
    {
        var taps = new InterpolationTaps(inLength, outLength, 2);
        for (var j = 0; j < outLength; j++)
        {
            var x = Math.Clamp(original(j), 0f, inLength - 1);
            var low = Math.Min((int)x, inLength - 1);
            var high = Math.Min(low + 1, inLength - 1);
            var fraction = low == high ? 0.5f : x - low;
            taps.Indices[2 * j] = low;
            taps.Indices[(2 * j) + 1] = high;
            taps.Weights[2 * j] = low == high ? 0.5f : 1f - fraction;
            taps.Weights[(2 * j) + 1] = fraction;
        }
        return taps;
    }

    /// <summary>Four taps around x with the cubic convolution kernel of parameter a; taps past the edge repeat it, or with exclude_outside get weight 0 and the rest are renormalised.</summary>
    private static InterpolationTaps CubicTaps(int inLength, int outLength, Func<int, float> original, float a, bool excludeOutside)
    {
        var taps = new InterpolationTaps(inLength, outLength, 4);
        Span<float> weights = stackalloc float[4];
        for (var j = 0; j < outLength; j++)
        {
            var x = original(j);
            var whole = MathF.Floor(x);
            var s = x - whole;
            weights[0] = CubicWeight(s + 1f, a);
            weights[1] = CubicWeight(s, a);
            weights[2] = CubicWeight(1f - s, a);
            weights[3] = CubicWeight(2f - s, a);
            float total = 0;
            for (var t = 0; t < 4; t++)
            {
                var index = (int)whole - 1 + t;
                if (excludeOutside && (index < 0 || index >= inLength))
                {
                    weights[t] = 0f;
                }
                total += weights[t];
                taps.Indices[(4 * j) + t] = Math.Clamp(index, 0, inLength - 1);
            }
            for (var t = 0; t < 4; t++)
            {
                taps.Weights[(4 * j) + t] = excludeOutside ? weights[t] / total : weights[t];
            }
        }
        return taps;
    }

    private static float CubicWeight(float distance, float a)
    {
        var d = MathF.Abs(distance);
        if (d <= 1f)
        {
            return ((((a + 2f) * d) - (a + 3f)) * d * d) + 1f;
        }
        return d < 2f ? ((((a * d) - (5f * a)) * d) + (8f * a)) * d - (4f * a) : 0f;
    }
}
