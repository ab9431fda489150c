namespace Shears.Hardware.Latency;

/// <summary>
/// The channel counts a latency table measures on one axis: multiples of the vector block across
/// the range (the base curve), and probes of every coarser-than-one alignment placed both just
/// above and just below a multiple, so a staircase (padding) and a ragged slow path tell apart.
/// </summary>
public static class ChannelSweep
{
    /// <summary>Base points wanted across the range; more multiples than this are thinned evenly.</summary>
    public const int BasePoints = 8;

    /// <summary>The channel counts to measure for an axis of <paramref name="fullChannels"/> channels and a vector block of <paramref name="block"/>, ascending and including the full count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is zero or negative.</exception>
    public static IReadOnlyList<int> For(int fullChannels, int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fullChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(block);
        var counts = new SortedSet<int> { fullChannels };
        if (fullChannels <= block)
        {
            // Less than a block: few enough counts to measure each one.
            counts.UnionWith(Enumerable.Range(1, fullChannels));
            return [.. counts];
        }
        var multiples = fullChannels / block;
        var step = (multiples + BasePoints - 1) / BasePoints;
        for (var k = 1; k <= multiples; k += step)
        {
            counts.Add(k * block);
        }
        counts.Add(multiples * block);
        var quarter = ChannelAlignment.RoundDown(fullChannels / 4, block);
        var half = ChannelAlignment.RoundDown(fullChannels / 2, block);
        var top = multiples * block;
        counts.UnionWith([quarter + 1, half - 1, top - 1]);
        for (var alignment = block / 2; alignment >= 2; alignment /= 2)
        {
            counts.Add(half + alignment);
            if (alignment == block / 2)
            {
                counts.UnionWith([quarter + alignment, top - alignment]);
            }
        }
        return [.. counts.Where(count => count >= 1 && count <= fullChannels)];
    }
}
