using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// Reads operands that shape inference needed as constants (axes, pads, repeats, scales): by the
/// time a plan is compiled they are folded initializers, so executors read them once at construction.
/// </summary>
internal static class ConstantInputs
{
    /// <summary>The integer values of input <paramref name="index"/>, or null when it is omitted.</summary>
    public static long[]? Ints(OpExecutorContext context, int index)
    {
        if (context.Node.Input(index) is null)
        {
            return null;
        }
        var tensor = context.Inputs[index] ?? throw context.Fail($"input {index} is missing");
        return tensor.Type switch
        {
            DataType.Int64 => tensor.Longs.AsSpan(0, tensor.Length).ToArray(),
            DataType.Float => [.. tensor.Span.ToArray().Select(v => (long)v)],
            _ => [.. tensor.Bools.AsSpan(0, tensor.Length).ToArray().Select(v => v ? 1L : 0L)],
        };
    }

    /// <summary>The float values of input <paramref name="index"/>, or null when it is omitted.</summary>
    public static float[]? Floats(OpExecutorContext context, int index)
    {
        if (context.Node.Input(index) is null)
        {
            return null;
        }
        var tensor = context.Inputs[index] ?? throw context.Fail($"input {index} is missing");
        return tensor.Type == DataType.Float
            ? tensor.Span.ToArray()
            : [.. (Ints(context, index) ?? []).Select(v => (float)v)];
    }

    /// <summary>Axes from the 'axes' attribute before <paramref name="inputSinceOpset"/>, from input <paramref name="index"/> after; null when absent.</summary>
    public static long[]? Axes(OpExecutorContext context, int index, long inputSinceOpset) =>
        context.Opset < inputSinceOpset ? context.Node.GetInts("axes") : Ints(context, index);
}
