using Shears.IR;

namespace Shears.Analysis;

/// <summary>
/// Multiply-accumulate counts per operator, by the common convention: one multiply-add is one MAC
/// for Conv, ConvTranspose, Gemm and MatMul (biases, activations, normalizations and pooling count zero).
/// </summary>
public static class MacCounter
{
    /// <summary>MACs of one node given its input and output shapes; null when a needed shape is unknown.</summary>
    public static long? Count(Node node, IReadOnlyList<Shape?> inputs, IReadOnlyList<Shape?> outputs)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (!node.IsStandard)
        {
            return 0;
        }
        return node.OpType switch
        {
            "Conv" => Conv(inputs, outputs),
            "ConvTranspose" => ConvTranspose(inputs),
            "Gemm" => Gemm(node, inputs),
            "MatMul" => MatMul(inputs, outputs),
            _ => 0,
        };
    }

    private static long? Conv(IReadOnlyList<Shape?> inputs, IReadOnlyList<Shape?> outputs)
    {
        // Every output element takes (C/group) × kernel multiply-adds; W is [M, C/group, k...].
        if (inputs.Count < 2 || inputs[1]?.ElementCount is not { } weightElements || outputs.Count < 1 || outputs[0] is not { } y || y.Rank < 2)
        {
            return null;
        }
        if (y.ElementCount is not { } outputElements || y[1].Value is not { } m || m == 0)
        {
            return null;
        }
        return outputElements * (weightElements / m);
    }

    private static long? ConvTranspose(IReadOnlyList<Shape?> inputs)
    {
        // Every input element scatters into (M/group) × kernel outputs; W is [C, M/group, k...].
        if (inputs.Count < 2 || inputs[0]?.ElementCount is not { } inputElements || inputs[1] is not { } w || w.ElementCount is not { } weightElements)
        {
            return null;
        }
        if (w[0].Value is not { } c || c == 0)
        {
            return null;
        }
        return inputElements * (weightElements / c);
    }

    private static long? Gemm(Node node, IReadOnlyList<Shape?> inputs)
    {
        if (inputs.Count < 2 || inputs[0] is not { Rank: 2 } a || inputs[1] is not { Rank: 2 } b)
        {
            return null;
        }
        var transA = node.GetInt("transA", 0) != 0;
        var transB = node.GetInt("transB", 0) != 0;
        var m = (transA ? a[1] : a[0]).Value;
        var k = (transA ? a[0] : a[1]).Value;
        var n = (transB ? b[0] : b[1]).Value;
        return m * k * n;
    }

    private static long? MatMul(IReadOnlyList<Shape?> inputs, IReadOnlyList<Shape?> outputs)
    {
        // Each output element is a dot product over the shared inner dimension.
        if (inputs.Count < 2 || inputs[0] is not { Rank: > 0 } a || outputs.Count < 1 || outputs[0]?.ElementCount is not { } outputElements)
        {
            return null;
        }
        return a[^1].Value is { } k ? outputElements * k : null;
    }
}
