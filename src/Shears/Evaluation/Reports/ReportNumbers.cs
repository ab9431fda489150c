using System.Globalization;

namespace Shears.Evaluation.Reports;

/// <summary>How the reports write numbers: culture-invariant, so the same report renders the same text on every machine.</summary>
internal static class ReportNumbers
{
    /// <summary>The placeholder for a figure that was not recorded.</summary>
    public const string Missing = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Milliseconds with three significant digits below 1 ms and two decimals above, e.g. "0.0081", "3.74".</summary>
    public static string Ms(double ms) =>
        double.IsFinite(ms) ? (Math.Abs(ms) >= 1 ? ms.ToString("0.00", Invariant) : ms.ToString("G3", Invariant)) : ms.ToString(Invariant);

    /// <inheritdoc cref="Ms(double)"/>
    public static string Ms(double? ms) => ms is { } value ? Ms(value) : Missing;

    /// <summary>A count with an SI suffix, e.g. "101.8k", "12.35M", "4.1G"; plain below 10 000.</summary>
    public static string Count(double count)
    {
        var magnitude = Math.Abs(count);
        return magnitude switch
        {
            >= 1e9 => (count / 1e9).ToString("0.##", Invariant) + "G",
            >= 1e6 => (count / 1e6).ToString("0.##", Invariant) + "M",
            >= 1e4 => (count / 1e3).ToString("0.#", Invariant) + "k",
            _ => count.ToString("0.##", Invariant),
        };
    }

    /// <summary>Bytes with a decimal unit, e.g. "407.5 kB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.##", Invariant) + " GB",
        >= 1_000_000 => (bytes / 1e6).ToString("0.##", Invariant) + " MB",
        >= 1_000 => (bytes / 1e3).ToString("0.#", Invariant) + " kB",
        _ => bytes.ToString(Invariant) + " B",
    };

    /// <summary>A fraction in [0, 1] as a percentage with two decimals, e.g. "91.23%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", Invariant) + "%";

    /// <summary>A fraction as a whole-ish percentage, e.g. "50%", "87.5%".</summary>
    public static string ShortPercent(double fraction) => (fraction * 100).ToString("0.#", Invariant) + "%";

    /// <summary>A change in accuracy points, signed, e.g. "+0.16", "-0.41".</summary>
    public static string Points(double points) => (points > 0 ? "+" : "") + points.ToString("0.00", Invariant);

    /// <inheritdoc cref="Points(double)"/>
    public static string Points(double? points) => points is { } value ? Points(value) : Missing;

    /// <summary>A speed-up factor, e.g. "3.21×".</summary>
    public static string Speedup(double factor) => factor.ToString("0.00", Invariant) + "×";

    /// <summary>A plain number with up to <paramref name="decimals"/> decimals.</summary>
    public static string Plain(double value, int decimals = 4) => value.ToString("0." + new string('#', Math.Max(1, decimals)), Invariant);
}
