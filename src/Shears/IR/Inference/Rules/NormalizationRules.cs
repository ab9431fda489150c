namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of normalizations: the output keeps the input's shape; statistics outputs are per channel or per row.</summary>
internal static class NormalizationRules
{
    public static void Register(RuleTable table)
    {
        table.Add(BatchNormalization, "BatchNormalization");
        table.Add(LayerNormalization, "LayerNormalization");
        table.Add(c => c.PassThrough(), "InstanceNormalization", "GroupNormalization");
    }

    private static void BatchNormalization(InferenceContext c)
    {
        var x = c.Shape(0);
        // Opsets before 9 allow spatial=0, where statistics are per element of C×D1×…; otherwise per channel.
        var spatial = c.Opset >= 9 || c.Int("spatial", 1) != 0;
        if (spatial && x.Rank >= 2 && c.InputShape(1) is { } scale && scale.Rank == 1
            && scale[0].Value is { } s && x[1].Value is { } channels && s != channels)
        {
            throw c.Invalid($"scale has {s} elements but the input {x} has {channels} channels");
        }
        c.PassThrough();
        for (var i = 1; i < c.OutputCount; i++)
        {
            c.SetOutput(i, c.InputType(1) == DataType.Undefined ? c.InputType(0) : c.InputType(1), c.InputShape(1));
        }
    }

    private static void LayerNormalization(InferenceContext c)
    {
        var x = c.Shape(0);
        var axis = c.Axis(c.Int("axis", -1), x.Rank);
        c.PassThrough();
        var statsType = (DataType)c.Int("stash_type", (long)DataType.Float);
        var statsShape = new Shape([.. x.Take(axis), .. Enumerable.Repeat(Dim.Of(1), x.Rank - axis)]);
        for (var i = 1; i < c.OutputCount; i++)
        {
            c.SetOutput(i, statsType, statsShape);
        }
    }
}
