namespace Shears.Pruning.Dependency;

/// <summary>
/// How a reshape carries a pruned axis: which output axis it becomes and which input and output
/// indices must be removed together. Dimensions are grouped into blocks of equal product; inside
/// the pruned axis's block, an output axis is usable when each of its slices is a whole number of
/// input slices or lies inside a single one.
/// </summary>
internal static class ReshapeMapping
{
    public sealed record Result(int OutputAxis, IReadOnlyList<(int Input, int Output)> Pairs, bool SplitIntoOuter);

    public static Result? Map(long[] input, int axis, long[] output, CouplingPolicy policy, out string? reason)
    {
        reason = null;
        if (!TryBlocks(input, output, out var blocks))
        {
            reason = "reshape changes the element count";
            return null;
        }
        var (inStart, inEnd, outStart, outEnd) = blocks.First(b => axis >= b.InStart && axis < b.InEnd);
        var size = input[axis];
        var innerIn = Product(input, axis + 1, inEnd);
        var total = Product(input, inStart, inEnd);
        var candidates = new List<(int Axis, List<(int, int)> Pairs)>();
        for (var u = outStart; u < outEnd; u++)
        {
            if (output[u] == 1)
            {
                continue;
            }
            var pairs = Compatible(total, size, innerIn, output[u], Product(output, u + 1, outEnd));
            if (pairs is not null)
            {
                candidates.Add((u, pairs));
            }
        }
        if (candidates.Count == 0)
        {
            reason = $"reshape [{string.Join(",", input)}] → [{string.Join(",", output)}] scatters axis {axis} across output axes";
            return null;
        }
        var chosen = policy == CouplingPolicy.Heads ? candidates[0] : candidates[^1];
        return new Result(chosen.Axis, chosen.Pairs, policy == CouplingPolicy.Heads && candidates.Count > 1);
    }

    /// <summary>Pairs (input slice, output slice) when every output slice lies in one input slice or covers whole ones.</summary>
    private static List<(int, int)>? Compatible(long total, long inSize, long inInner, long outSize, long outInner)
    {
        var perInputSlice = total / inSize;
        var pairs = new List<(int, int)>();
        var counts = new Dictionary<long, long>();
        for (long k = 0; k < outSize; k++)
        {
            counts.Clear();
            // Positions f of output slice k: f = (outer·outSize + k)·outInner + inner.
            for (long outer = 0; outer < total / (outSize * outInner); outer++)
            {
                for (long inner = 0; inner < outInner; inner++)
                {
                    var f = (((outer * outSize) + k) * outInner) + inner;
                    var c = (f / inInner) % inSize;
                    counts[c] = counts.GetValueOrDefault(c) + 1;
                }
            }
            if (counts.Count > 1 && counts.Values.Any(n => n != perInputSlice))
            {
                return null;
            }
            foreach (var c in counts.Keys)
            {
                pairs.Add(((int)c, (int)k));
            }
        }
        return pairs;
    }

    private static long Product(long[] dims, int start, int end)
    {
        long p = 1;
        for (var i = start; i < end; i++)
        {
            p *= dims[i];
        }
        return p;
    }

    private static bool TryBlocks(long[] input, long[] output, out List<(int InStart, int InEnd, int OutStart, int OutEnd)> blocks)
    {
        blocks = [];
        int i = 0, j = 0;
        while (i < input.Length || j < output.Length)
        {
            var (si, sj) = (i, j);
            long pi = i < input.Length ? input[i++] : 1;
            long po = j < output.Length ? output[j++] : 1;
            while (pi != po)
            {
                if (pi < po && i < input.Length)
                {
                    pi *= input[i++];
                }
                else if (po < pi && j < output.Length)
                {
                    po *= output[j++];
                }
                else
                {
                    return false;
                }
            }
            blocks.Add((si, i, sj, j));
        }
        return true;
    }
}
