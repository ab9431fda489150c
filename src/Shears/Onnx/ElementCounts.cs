namespace Shears.Onnx;

/// <summary>Whether a tensor's dimensions describe a size that can be counted at all.</summary>
internal static class ElementCounts
{
    /// <summary>True when the product of <paramref name="dims"/> (and that times 8 bytes) fits in a 64-bit count.</summary>
    public static bool Fit(IEnumerable<long> dims)
    {
        // Room for the widest element type, so byte counts derived from the element count cannot wrap either.
        const long limit = long.MaxValue / 8;
        long count = 1;
        foreach (var d in dims)
        {
            if (d != 0 && count > limit / d)
            {
                return false;
            }
            count *= d;
        }
        return true;
    }
}
