namespace Shears.Engine.Kernels;

/// <summary>Index arithmetic shared by im2col, col2im and the depthwise kernels.</summary>
internal static class ConvRange
{
    /// <summary>
    /// The outputs o in [0, count) whose input index <c>o * stride + offset</c> lies in [0, limit):
    /// everything outside reads padding.
    /// </summary>
    public static (int Start, int End) Valid(int count, int stride, int offset, int limit)
    {
        var start = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        var last = limit - 1 - offset;
        var end = last < 0 ? 0 : Math.Min(count, (last / stride) + 1);
        return (Math.Min(start, end), end);
    }

    /// <summary>Splits <c>offset = quotient * stride + phase</c> with 0 &lt;= phase &lt; stride.</summary>
    public static (int Quotient, int Phase) Split(int offset, int stride)
    {
        var quotient = (int)Math.Floor((double)offset / stride);
        return (quotient, offset - (quotient * stride));
    }
}
