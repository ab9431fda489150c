using System.Globalization;

namespace Shears.Cli.Rendering;

/// <summary>Compact human forms of counts and byte sizes.</summary>
internal static class Quantity
{
    public static string Count(long? value)
    {
        if (value is not { } v)
        {
            return "?";
        }
        return v switch
        {
            >= 1_000_000_000 => (v / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " G",
            >= 1_000_000 => (v / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
            >= 10_000 => (v / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k",
            _ => v.ToString(CultureInfo.InvariantCulture),
        };
    }

    public static string Bytes(long? value)
    {
        if (value is not { } v)
        {
            return "?";
        }
        return v switch
        {
            >= 1L << 30 => (v / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
            >= 1L << 20 => (v / (double)(1L << 20)).ToString("0.00", CultureInfo.InvariantCulture) + " MiB",
            >= 1L << 10 => (v / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
            _ => v.ToString(CultureInfo.InvariantCulture) + " B",
        };
    }

    public static string Exact(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Shape(IR.Shape? shape) => shape is null ? "?" : shape.ToString();
}
