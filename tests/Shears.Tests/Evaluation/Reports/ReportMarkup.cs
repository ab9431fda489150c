using System.Text.RegularExpressions;

namespace Shears.Tests.Evaluation.Reports;

/// <summary>What the HTML report tests look for in the page and in the DOM chromium built from it.</summary>
internal static partial class ReportMarkup
{
    /// <summary>A reference to anything on a network.</summary>
    [GeneratedRegex("https?://", RegexOptions.IgnoreCase)]
    public static partial Regex ExternalReference();

    /// <summary>One whole SVG element.</summary>
    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    public static partial Regex Svg();

    /// <summary>A drawn data mark: a shape with a tooltip (frame, grid and legend shapes have none).</summary>
    [GeneratedRegex("<(rect|circle|path|polyline)[^>]*><title>")]
    public static partial Regex DataMark();
}
