using System.Globalization;

namespace Shears.Hardware;

/// <summary>Formats hardware quantities for people: binary units for sizes, decimal units for rates.</summary>
internal static class Units
{
    private static readonly string[] ByteUnits = ["bytes", "KiB", "MiB", "GiB", "TiB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {ByteUnits[unit]}");
    }

    /// <summary>A rate given in G-units per second, shown in T-units from a thousand on: "118.3 GFLOP/s", "19.5 TFLOP/s".</summary>
    public static string Rate(double giga, string operation) =>
        giga >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{giga / 1000:0.###} T{operation}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{giga:0.#} G{operation}/s");

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
