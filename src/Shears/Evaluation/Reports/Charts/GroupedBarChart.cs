namespace Shears.Evaluation.Reports.Charts;

/// <summary>Bars side by side per category, one per series, on a value axis from zero.</summary>
internal static class GroupedBarChart
{
    private const double GroupFill = 0.8;

    /// <summary>The chart as an SVG element; <paramref name="emptyNote"/> stands in the plot when no series has a value.</summary>
    public static string Render(ChartText text, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string emptyNote,
        Func<double, string> formatValue, double width = 760, double height = 400)
    {
        var svg = new SvgDocument(width, height, text.Title);
        var drawn = series.Where(s => s.Values.Any(v => v is not null)).ToList();
        var frame = new ChartFrame(svg, text, [.. drawn.Select(s => new LegendEntry(s.Name, s.Color))], categories);
        if (drawn.Count == 0 || categories.Count == 0)
        {
            frame.DrawNote(emptyNote);
            return svg.ToString();
        }
        var axis = LinearAxis.Covering(drawn.SelectMany(s => s.Values.OfType<double>()), fromZero: true);
        frame.DrawYAxis(axis);
        var slot = (frame.Right - frame.Left) / categories.Count;
        var barWidth = slot * GroupFill / drawn.Count;
        var zero = axis.Map(0, frame.Bottom, frame.Top);
        for (var c = 0; c < categories.Count; c++)
        {
            var groupStart = frame.Left + slot * c + slot * (1 - GroupFill) / 2;
            for (var s = 0; s < drawn.Count; s++)
            {
                if (c >= drawn[s].Values.Count || drawn[s].Values[c] is not { } value)
                {
                    continue;
                }
                var top = axis.Map(value, frame.Bottom, frame.Top);
                svg.Rect(groupStart + s * barWidth, Math.Min(top, zero), barWidth - 1, Math.Max(1, Math.Abs(zero - top)), drawn[s].Color,
                    $"{categories[c]} — {drawn[s].Name}: {formatValue(value)}");
            }
        }
        frame.DrawCategoryAxis(categories);
        return svg.ToString();
    }
}
