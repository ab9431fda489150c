namespace Shears.Evaluation.Reports.Charts;

/// <summary>Points on two numeric axes, series told apart by colour and marker, some joined by lines in order.</summary>
internal static class ScatterChart
{
    private const double MarkerSize = 10;
    private const double Margin = 0.06;

    /// <summary>The chart as an SVG element; <paramref name="emptyNote"/> stands in the plot when no series has a point.</summary>
    public static string Render(ChartText text, IReadOnlyList<PointSeries> series, string emptyNote, double width = 760, double height = 420)
    {
        var svg = new SvgDocument(width, height, text.Title);
        var drawn = series.Where(s => s.Points.Count > 0).ToList();
        var frame = new ChartFrame(svg, text, [.. drawn.Select(s => new LegendEntry(s.Name, s.Color, s.Marker, s.Connected))]);
        if (drawn.Count == 0)
        {
            frame.DrawNote(emptyNote);
            return svg.ToString();
        }
        var points = drawn.SelectMany(s => s.Points).ToList();
        var xAxis = LinearAxis.Covering(points.Select(p => p.X), fromZero: false, Margin);
        var yAxis = LinearAxis.Covering(points.Select(p => p.Y), fromZero: false, Margin);
        frame.DrawYAxis(yAxis);
        frame.DrawXAxis(xAxis);
        (double X, double Y) At(ChartPoint p) => (xAxis.Map(p.X, frame.Left, frame.Right), yAxis.Map(p.Y, frame.Bottom, frame.Top));
        foreach (var line in drawn.Where(s => s.Connected && s.Points.Count > 1))
        {
            svg.Polyline(line.Points.Select(At), line.Color);
        }
        foreach (var s in drawn)
        {
            foreach (var point in s.Points)
            {
                var (x, y) = At(point);
                svg.Marker(s.Marker, x, y, MarkerSize, s.Color, point.Tooltip);
                if (point.Label is { } label)
                {
                    svg.Text(x + 7, y - 7, label, "start", 10, s.Color);
                }
            }
        }
        return svg.ToString();
    }
}
