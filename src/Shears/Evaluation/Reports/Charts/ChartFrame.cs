namespace Shears.Evaluation.Reports.Charts;

/// <summary>
/// The parts every chart shares: title, legend, plot area, axes with ticks and grid lines, axis titles, and a note
/// in place of the data when there is none. Charts draw their data inside <see cref="Left"/>..<see cref="Right"/>
/// and <see cref="Top"/>..<see cref="Bottom"/>.
/// </summary>
internal sealed class ChartFrame
{
    private const double TitleBaseline = 22;
    private const double LegendRowHeight = 18;
    private const double CharWidth = 6.6; // a 11-12 px sans-serif character, for layout estimates
    private const int MaxCategoryChars = 24;
    private const double CategoryAngle = -35;

    private readonly SvgDocument _svg;
    private readonly ChartText _text;
    private readonly bool _rotateCategories;

    /// <summary>Lays out a chart on <paramref name="svg"/>, leaving room under the plot for <paramref name="categories"/> when given.</summary>
    public ChartFrame(SvgDocument svg, ChartText text, IReadOnlyList<LegendEntry> legend, IReadOnlyList<string>? categories = null)
    {
        _svg = svg;
        _text = text;
        Left = 72;
        Right = svg.Width - 20;
        svg.Rect(0, 0, svg.Width, svg.Height, "#ffffff");
        svg.Text(svg.Width / 2, TitleBaseline, text.Title, "middle", 15, bold: true);
        Top = DrawLegend(legend) + 10;
        var labelSpace = 22.0;
        if (categories is { Count: > 0 })
        {
            var widest = categories.Max(c => Shorten(c).Length) * CharWidth;
            _rotateCategories = widest > (Right - Left) / categories.Count - 6;
            labelSpace = _rotateCategories ? 16 + widest * Math.Sin(-CategoryAngle * Math.PI / 180) : 22;
        }
        Bottom = svg.Height - labelSpace - 26;
    }

    /// <summary>The plot area's left edge.</summary>
    public double Left { get; }

    /// <summary>The plot area's right edge.</summary>
    public double Right { get; }

    /// <summary>The plot area's top edge.</summary>
    public double Top { get; }

    /// <summary>The plot area's bottom edge.</summary>
    public double Bottom { get; }

    /// <summary>Horizontal grid lines, ticks and labels of <paramref name="axis"/>, and the vertical axis title.</summary>
    public void DrawYAxis(LinearAxis axis)
    {
        foreach (var tick in axis.Ticks)
        {
            var y = axis.Map(tick, Bottom, Top);
            _svg.Line(Left, y, Right, y, ChartPalette.Grid);
            _svg.Line(Left - 4, y, Left, y, ChartPalette.Axis);
            _svg.Text(Left - 7, y + 4, axis.Label(tick), "end", 11, ChartPalette.Axis);
        }
        _svg.Line(Left, Top, Left, Bottom, ChartPalette.Axis);
        var middle = (Top + Bottom) / 2;
        _svg.Text(16, middle, _text.YTitle, "middle", 12, rotate: -90);
    }

    /// <summary>Ticks and labels of a numeric horizontal <paramref name="axis"/>, and the horizontal axis title.</summary>
    public void DrawXAxis(LinearAxis axis)
    {
        foreach (var tick in axis.Ticks)
        {
            var x = axis.Map(tick, Left, Right);
            _svg.Line(x, Top, x, Bottom, ChartPalette.Grid);
            _svg.Line(x, Bottom, x, Bottom + 4, ChartPalette.Axis);
            _svg.Text(x, Bottom + 17, axis.Label(tick), "middle", 11, ChartPalette.Axis);
        }
        DrawXBaseline();
    }

    /// <summary>Labels of <paramref name="categories"/> under equal slots, rotated when they would overlap, and the axis title.</summary>
    public void DrawCategoryAxis(IReadOnlyList<string> categories)
    {
        var slot = (Right - Left) / Math.Max(1, categories.Count);
        for (var i = 0; i < categories.Count; i++)
        {
            var x = Left + slot * (i + 0.5);
            if (_rotateCategories)
            {
                _svg.Text(x + 3, Bottom + 14, Shorten(categories[i]), "end", 11, ChartPalette.Axis, CategoryAngle);
            }
            else
            {
                _svg.Text(x, Bottom + 17, Shorten(categories[i]), "middle", 11, ChartPalette.Axis);
            }
        }
        DrawXBaseline();
    }

    /// <summary>A note in the middle of the plot area, in place of data.</summary>
    public void DrawNote(string note)
    {
        _svg.Rect(Left, Top, Right - Left, Bottom - Top, "#fafafa", stroke: ChartPalette.Grid);
        _svg.Text((Left + Right) / 2, (Top + Bottom) / 2, note, "middle", 14, ChartPalette.Axis);
    }

    private void DrawXBaseline()
    {
        _svg.Line(Left, Bottom, Right, Bottom, ChartPalette.Axis);
        _svg.Text((Left + Right) / 2, _svg.Height - 10, _text.XTitle, "middle", 12);
    }

    // Legend items flow left to right under the title and wrap; returns the y below the last row.
    private double DrawLegend(IReadOnlyList<LegendEntry> legend)
    {
        var x = Left;
        var y = TitleBaseline + 20;
        foreach (var entry in legend)
        {
            var width = 26 + entry.Name.Length * CharWidth + 16;
            if (x + width > Right && x > Left)
            {
                x = Left;
                y += LegendRowHeight;
            }
            if (entry.Line)
            {
                _svg.Line(x, y - 4, x + 18, y - 4, entry.Color, 2);
            }
            if (entry.Marker is { } marker)
            {
                _svg.Marker(marker, x + 9, y - 4, 9, entry.Color);
            }
            else if (!entry.Line)
            {
                _svg.Rect(x + 3, y - 10, 12, 12, entry.Color);
            }
            _svg.Text(x + 24, y, entry.Name, "start", 12);
            x += width;
        }
        return legend.Count == 0 ? y - LegendRowHeight : y;
    }

    private static string Shorten(string label) => label.Length <= MaxCategoryChars ? label : label[..(MaxCategoryChars - 1)] + "…";
}
