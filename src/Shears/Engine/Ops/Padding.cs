using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>A Pad node's mode, per-axis amounts (negative amounts crop) and constant value, from attributes (before opset 11) or inputs.</summary>
internal sealed record Padding(string Mode, int[] Begin, int[] End, double Value)
{
    public static Padding Read(OpExecutorContext c)
    {
        var rank = c.Inputs[0]!.Rank;
        var mode = c.Node.GetString("mode", "constant");
        long[] pads;
        long[]? axes = null;
        double value = 0;
        if (c.Opset < 11)
        {
            pads = c.Node.GetInts(c.Opset < 2 ? "paddings" : "pads") ?? throw c.Fail("attribute 'pads' is required");
            value = c.Node.GetFloat("value", 0f);
        }
        else
        {
            pads = ConstantInputs.Ints(c, 1) ?? throw c.Fail("input 'pads' is required");
            if (c.Node.Input(2) is not null && c.Inputs[2] is { Length: > 0 } constant)
            {
                value = constant.Type switch
                {
                    DataType.Float => constant.Floats[0],
                    DataType.Int64 => constant.Longs[0],
                    _ => constant.Bools[0] ? 1 : 0,
                };
            }
            axes = ConstantInputs.Ints(c, 3);
        }
        var axisList = axes?.Select(a => ShapeMath.Axis(c, a, rank)).ToArray() ?? [.. Enumerable.Range(0, rank)];
        if (pads.Length != 2 * axisList.Length)
        {
            throw c.Fail($"{pads.Length} pads for {axisList.Length} axes");
        }
        var begin = new int[rank];
        var end = new int[rank];
        for (var i = 0; i < axisList.Length; i++)
        {
            begin[axisList[i]] = checked((int)pads[i]);
            end[axisList[i]] = checked((int)pads[i + axisList.Length]);
        }
        return new Padding(mode, begin, end, value);
    }
}
