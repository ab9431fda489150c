using System.IO.Compression;

namespace Shears.Pruning;

/// <summary>Packs boolean masks into compact text for plans: bits, deflated, base64.</summary>
public static class MaskCodec
{
    /// <summary>Packs the mask into one bit per element (least significant first), deflates and base64-encodes it.</summary>
    /// <param name="mask">True marks a zeroed position.</param>
    public static string Encode(bool[] mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var bits = new byte[(mask.Length + 7) / 8];
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(bits);
        }
        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>Unpacks text written by <see cref="Encode"/>.</summary>
    /// <param name="text">The base64 text.</param>
    /// <param name="count">Elements the mask must cover (the weight's element count).</param>
    /// <exception cref="ShearsException">The text is not valid base64 or deflate data, or holds a different number of bits.</exception>
    public static bool[] Decode(string text, long count)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bits;
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(text)), CompressionMode.Decompress);
            using var output = new MemoryStream();
            deflate.CopyTo(output);
            bits = output.ToArray();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new ShearsException($"the plan's mask is corrupt: {e.Message}", e);
        }
        if (bits.Length != (count + 7) / 8)
        {
            throw new ShearsException($"the plan's mask holds {bits.Length * 8} bits for a weight of {count} elements");
        }
        var mask = new bool[count];
        for (var i = 0; i < count; i++)
        {
            mask[i] = (bits[i >> 3] & (1 << (int)(i & 7))) != 0;
        }
        return mask;
    }
}
