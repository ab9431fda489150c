namespace Shears.Hardware.Latency;

/// <summary>
/// How well a channel count fits a vector block: the largest power of two that divides it, capped
/// at the block. Kernels treat counts of one alignment alike (padded to the block, or a slower
/// path for ragged counts), so latency curves are read per alignment.
/// </summary>
public static class ChannelAlignment
{
    /// <summary>The alignment of <paramref name="channels"/>: <paramref name="block"/> when it divides them, else the largest power of two dividing them (capped at the block).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is zero or negative.</exception>
    public static int Of(int channels, int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(block);
        if (channels % block == 0)
        {
            return block;
        }
        var alignment = channels & -channels;
        return Math.Min(alignment, block);
    }

    /// <summary>The smallest multiple of <paramref name="multiple"/> at or above <paramref name="channels"/>.</summary>
    public static int RoundUp(int channels, int multiple) => (channels + multiple - 1) / multiple * multiple;

    /// <summary>The largest multiple of <paramref name="multiple"/> at or below <paramref name="channels"/>, at least <paramref name="multiple"/>.</summary>
    public static int RoundDown(int channels, int multiple) => Math.Max(multiple, channels / multiple * multiple);
}
