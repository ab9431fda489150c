namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of windowed and global pooling.</summary>
internal static class PoolingRules
{
    public static void Register(RuleTable table)
    {
        table.Add(Windowed, "MaxPool", "AveragePool", "LpPool");
        table.Add(Global, "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");
    }

    private static void Windowed(InferenceContext c)
    {
        var x = c.Shape(0);
        if (x.Rank < 3)
        {
            throw c.Invalid($"input {x} needs a batch, a channel and at least one spatial dimension");
        }
        var kernel = c.Ints("kernel_shape") ?? throw c.Invalid("attribute 'kernel_shape' is required");
        var spatial = SlidingWindow.OutputSizes(c, x, kernel, c.Int("ceil_mode", 0) != 0);
        var shape = new Shape([x[0], x[1], .. spatial]);
        c.SetOutput(0, c.InputType(0), shape);
        if (c.OutputCount > 1)
        {
            c.SetOutput(1, DataType.Int64, shape);
        }
    }

    private static void Global(InferenceContext c)
    {
        var x = c.Shape(0);
        if (x.Rank < 3)
        {
            throw c.Invalid($"input {x} needs a batch, a channel and at least one spatial dimension");
        }
        c.SetOutput(0, c.InputType(0), new Shape([x[0], x[1], .. Enumerable.Repeat(Dim.Of(1), x.Rank - 2)]));
    }
}
