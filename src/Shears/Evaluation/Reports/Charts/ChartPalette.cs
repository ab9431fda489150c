namespace Shears.Evaluation.Reports.Charts;

/// <summary>The charts' colours: the Okabe–Ito set, distinguishable with the common colour-vision deficiencies.</summary>
internal static class ChartPalette
{
    /// <summary>Blue.</summary>
    public const string Blue = "#0072b2";

    /// <summary>Orange.</summary>
    public const string Orange = "#e69f00";

    /// <summary>Bluish green.</summary>
    public const string Green = "#009e73";

    /// <summary>Vermillion.</summary>
    public const string Vermillion = "#d55e00";

    /// <summary>Sky blue.</summary>
    public const string Sky = "#56b4e9";

    /// <summary>Reddish purple.</summary>
    public const string Purple = "#cc79a7";

    /// <summary>Near black, for the reference model.</summary>
    public const string Black = "#222222";

    /// <summary>Grey, for points off the front.</summary>
    public const string Grey = "#9a9a9a";

    /// <summary>Axis lines and tick labels.</summary>
    public const string Axis = "#444444";

    /// <summary>Grid lines.</summary>
    public const string Grid = "#e3e3e3";

    /// <summary>Colours for series in order.</summary>
    public static readonly IReadOnlyList<string> Series = [Blue, Orange, Green, Vermillion, Sky, Purple];
}
