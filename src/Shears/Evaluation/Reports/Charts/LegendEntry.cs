namespace Shears.Evaluation.Reports.Charts;

/// <summary>One legend item: a name and how its series is drawn.</summary>
/// <param name="Name">The series' name.</param>
/// <param name="Color">Its colour.</param>
/// <param name="Marker">Its point marker; null for a bar series (a filled square swatch).</param>
/// <param name="Line">True when its points are joined by a line.</param>
internal sealed record LegendEntry(string Name, string Color, MarkerShape? Marker = null, bool Line = false);
