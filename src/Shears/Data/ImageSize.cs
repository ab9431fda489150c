using System.Globalization;

namespace Shears.Data;

/// <summary>An image size, height by width, in pixels.</summary>
public readonly record struct ImageSize(int Height, int Width)
{
    /// <summary>Parses "HxW" (or "H×W"); "N" alone means N×N. Null when the text is not that.</summary>
    public static ImageSize? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parts = text.Split(['x', 'X', '×'], StringSplitOptions.TrimEntries);
        if (parts.Length is not (1 or 2))
        {
            return null;
        }
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] <= 0)
            {
                return null;
            }
        }
        return new ImageSize(sizes[0], sizes[^1]);
    }

    /// <summary>"H×W", for messages.</summary>
    public override string ToString() => $"{Height}×{Width}";
}
