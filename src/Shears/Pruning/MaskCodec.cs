using System.IO.Compression;

namespace Shears.Pruning;

/// <summary>Packs boolean masks into compact text for plans: bits, deflated, base64.</summary>
public static class MaskCodec
{
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
