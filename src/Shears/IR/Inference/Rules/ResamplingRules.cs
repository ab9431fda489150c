namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of Resize (opset 10 on) and Upsample (opsets 7–9).</summary>
internal static class ResamplingRules
{
    public static void Register(RuleTable table)
    {
        table.Add(Resize, "Resize");
        table.Add(Upsample, "Upsample");
    }

    private static void Resize(InferenceContext c)
    {
        var input = c.Shape(0);
        // Opset 10: (X, scales). Opset 11 on: (X, roi, scales, sizes), any of the last three omitted or empty.
        var scalesIndex = c.Opset < 11 ? 1 : 2;
        var sizes = c.Opset >= 11 && c.HasInput(3) ? c.RequireConstant(3) : null;
        var axes = c.Ints("axes")?.Select(a => c.Axis(a, input.Rank)).ToArray() ?? [.. Enumerable.Range(0, input.Rank)];
        var dims = input.ToList();
        if (sizes is { Count: > 0 })
        {
            var values = sizes.ToIntegers();
            if (values.Length != axes.Length)
            {
                throw c.Invalid($"{values.Length} sizes for {axes.Length} axes");
            }
            if (c.String("keep_aspect_ratio_policy", "stretch") != "stretch")
            {
                throw new UnknownShapeSignal();
            }
            for (var i = 0; i < axes.Length; i++)
            {
                dims[axes[i]] = values[i];
            }
        }
        else
        {
            var scales = c.RequireConstant(scalesIndex).ToReals();
            if (scales.Length != axes.Length)
            {
                throw c.Invalid($"{scales.Length} scales for {axes.Length} axes");
            }
            for (var i = 0; i < axes.Length; i++)
            {
                dims[axes[i]] = Scaled(input[axes[i]], scales[i]);
            }
        }
        c.SetOutput(0, c.InputType(0), new Shape(dims));
    }

    private static void Upsample(InferenceContext c)
    {
        var input = c.Shape(0);
        var scales = c.Opset >= 9 ? c.RequireConstant(1).ToReals() : [.. (c.Node.GetFloats("scales") ?? throw c.Invalid("attribute 'scales' is required")).Select(f => (double)f)];
        if (scales.Length != input.Rank)
        {
            throw c.Invalid($"{scales.Length} scales for rank {input.Rank}");
        }
        c.SetOutput(0, c.InputType(0), new Shape(input.Select((d, i) => Scaled(d, scales[i]))));
    }

    // Output size is floor(size × scale), computed in float as runtimes do.
    private static Dim Scaled(Dim d, double scale) =>
        d.Value is { } v ? Dim.Of((long)Math.Floor((float)v * (float)scale)) : Dim.Unknown;
}
