namespace Shears.Evaluation.Reports.Charts;

/// <summary>One series of a scatter chart: its points, marker and colour, and whether a line joins them in order.</summary>
/// <param name="Name">The legend's name for it.</param>
/// <param name="Points">Its points, in the order a line joins them.</param>
/// <param name="Marker">The marker shape.</param>
/// <param name="Color">Its colour.</param>
/// <param name="Connected">True to join the points with a line.</param>
internal sealed record PointSeries(string Name, IReadOnlyList<ChartPoint> Points, MarkerShape Marker, string Color, bool Connected = false);
