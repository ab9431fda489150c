namespace Shears.Pruning.Unstructured;

/// <summary>Chooses the weights to zero for each fine-grained pattern. A mask entry true means pruned.</summary>
public static class SparsityPatterns
{
    /// <summary>Prunes every weight whose score is below the threshold.</summary>
    public static bool[] Threshold(float[] scores, float threshold) => [.. scores.Select(s => s < threshold)];

    /// <summary>Prunes exactly <paramref name="count"/> lowest-scored entries (ties in index order).</summary>
    public static bool[] Lowest(float[] scores, long count)
    {
        var mask = new bool[scores.Length];
        if (count <= 0)
        {
            return mask;
        }
        var cut = KthSmallest(scores, count);
        long pruned = 0;
        for (var i = 0; i < scores.Length && pruned < count; i++)
        {
            if (scores[i] < cut)
            {
                mask[i] = true;
                pruned++;
            }
        }
        for (var i = 0; i < scores.Length && pruned < count; i++)
        {
            if (scores[i] == cut && !mask[i])
            {
                mask[i] = true;
                pruned++;
            }
        }
        return mask;
    }

    /// <summary>The value below which fewer than k entries lie and at or below which at least k do.</summary>
    public static float KthSmallest(float[] scores, long k)
    {
        var copy = (float[])scores.Clone();
        Array.Sort(copy);
        return copy[Math.Clamp(k - 1, 0, copy.Length - 1)];
    }

    /// <summary>Keeps the <paramref name="n"/> best of every <paramref name="m"/> consecutive weights along the reduction axis.</summary>
    public static bool[] NOfM(float[] scores, IReadOnlyList<long> dims, int reductionAxis, int n, int m)
    {
        var mask = new bool[scores.Length];
        var (outer, size, inner) = Split(dims, reductionAxis);
        var group = new int[m];
        for (long o = 0; o < outer; o++)
        {
            for (long i = 0; i < inner; i++)
            {
                for (long start = 0; start < size; start += m)
                {
                    var length = (int)Math.Min(m, size - start);
                    for (var k = 0; k < length; k++)
                    {
                        group[k] = (int)((((o * size) + start + k) * inner) + i);
                    }
                    var keep = Math.Min(n, length);
                    // Keep the highest scores; ties keep the earlier position.
                    var order = group.Take(length).OrderByDescending(p => scores[p]).ThenBy(p => p).ToArray();
                    for (var k = keep; k < length; k++)
                    {
                        mask[order[k]] = true;
                    }
                }
            }
        }
        return mask;
    }

    /// <summary>Whether at most <paramref name="n"/> of every <paramref name="m"/> consecutive weights along the reduction axis are non-zero (the runs <see cref="NOfM"/> forms).</summary>
    public static bool FollowsNOfM(ReadOnlySpan<float> values, IReadOnlyList<long> dims, int reductionAxis, int n, int m)
    {
        var (outer, size, inner) = Split(dims, reductionAxis);
        for (long o = 0; o < outer; o++)
        {
            for (long i = 0; i < inner; i++)
            {
                for (long start = 0; start < size; start += m)
                {
                    var nonZero = 0;
                    for (var k = start; k < Math.Min(start + m, size); k++)
                    {
                        nonZero += values[(int)((((o * size) + k) * inner) + i)] != 0f ? 1 : 0;
                    }
                    if (nonZero > n)
                    {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /// <summary>Mean score of each rows×cols block of the weight seen as [dims[0], rest] in memory order.</summary>
    public static (float[] Scores, int BlockRows, int BlockCols) BlockScores(float[] scores, IReadOnlyList<long> dims, int rows, int cols)
    {
        var height = (int)dims[0];
        var width = scores.Length / Math.Max(1, height);
        var blockRows = (height + rows - 1) / rows;
        var blockCols = (width + cols - 1) / cols;
        var result = new float[blockRows * blockCols];
        for (var br = 0; br < blockRows; br++)
        {
            for (var bc = 0; bc < blockCols; bc++)
            {
                double sum = 0;
                var count = 0;
                for (var r = br * rows; r < Math.Min(height, (br + 1) * rows); r++)
                {
                    for (var c = bc * cols; c < Math.Min(width, (bc + 1) * cols); c++)
                    {
                        sum += scores[(r * width) + c];
                        count++;
                    }
                }
                result[(br * blockCols) + bc] = (float)(sum / count);
            }
        }
        return (result, blockRows, blockCols);
    }

    /// <summary>Expands a per-block mask to a per-weight mask.</summary>
    public static bool[] ExpandBlocks(bool[] blockMask, IReadOnlyList<long> dims, int count, int rows, int cols, int blockCols)
    {
        var height = (int)dims[0];
        var width = count / Math.Max(1, height);
        var mask = new bool[count];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                mask[(r * width) + c] = blockMask[((r / rows) * blockCols) + (c / cols)];
            }
        }
        return mask;
    }

    private static (long Outer, long Size, long Inner) Split(IReadOnlyList<long> dims, int axis)
    {
        long outer = 1, inner = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= dims[i];
        }
        for (var i = axis + 1; i < dims.Count; i++)
        {
            inner *= dims[i];
        }
        return (outer, dims[axis], inner);
    }
}
