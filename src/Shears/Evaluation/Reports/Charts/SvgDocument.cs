using System.Globalization;
using System.Text;

namespace Shears.Evaluation.Reports.Charts;

/// <summary>
/// Builds one inline SVG element: shapes and text with culture-invariant coordinates and escaped text, so a chart
/// embeds in HTML as is and renders the same everywhere.
/// </summary>
internal sealed class SvgDocument
{
    private readonly StringBuilder _markup = new();

    /// <summary>Starts an SVG of <paramref name="width"/> by <paramref name="height"/> pixels described by <paramref name="title"/>.</summary>
    public SvgDocument(double width, double height, string title)
    {
        Width = width;
        Height = height;
        _markup.Append(CultureInfo.InvariantCulture,
            $"<svg width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-label=\"{Escape(title)}\" font-family=\"sans-serif\">");
        _markup.Append("<title>").Append(Escape(title)).Append("</title>");
    }

    /// <summary>The width in pixels.</summary>
    public double Width { get; }

    /// <summary>The height in pixels.</summary>
    public double Height { get; }

    /// <summary>A filled rectangle, with a tooltip when <paramref name="tooltip"/> is given.</summary>
    public void Rect(double x, double y, double width, double height, string fill, string? tooltip = null, string? stroke = null)
    {
        _markup.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"");
        if (stroke is not null)
        {
            _markup.Append(CultureInfo.InvariantCulture, $" stroke=\"{stroke}\"");
        }
        CloseWithTooltip("rect", tooltip);
    }

    /// <summary>A straight line.</summary>
    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, bool dashed = false) =>
        _markup.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"{(dashed ? " stroke-dasharray=\"4 3\"" : "")}/>");

    /// <summary>A line through <paramref name="points"/> in order.</summary>
    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2) =>
        _markup.Append(CultureInfo.InvariantCulture,
            $"<polyline points=\"{string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\"/>");

    /// <summary>A marker of <paramref name="shape"/> centred on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void Marker(MarkerShape shape, double x, double y, double size, string fill, string? tooltip = null)
    {
        var r = size / 2;
        switch (shape)
        {
            case MarkerShape.Circle:
                _markup.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"1\"");
                CloseWithTooltip("circle", tooltip);
                return;
            case MarkerShape.Square:
                Path($"M{N(x - r)},{N(y - r)}H{N(x + r)}V{N(y + r)}H{N(x - r)}Z", fill, tooltip);
                return;
            case MarkerShape.Diamond:
                var d = r * 1.3;
                Path($"M{N(x)},{N(y - d)}L{N(x + d)},{N(y)}L{N(x)},{N(y + d)}L{N(x - d)},{N(y)}Z", fill, tooltip);
                return;
            case MarkerShape.Triangle:
                var t = r * 1.3;
                Path($"M{N(x)},{N(y - t)}L{N(x + t)},{N(y + t * 0.8)}L{N(x - t)},{N(y + t * 0.8)}Z", fill, tooltip);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown marker shape");
        }
    }

    /// <summary>Text anchored at (<paramref name="x"/>, <paramref name="y"/>), rotated by <paramref name="rotate"/> degrees about that point.</summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#222222", double rotate = 0, bool bold = false)
    {
        _markup.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" fill=\"{fill}\" text-anchor=\"{anchor}\"");
        if (rotate != 0)
        {
            _markup.Append(CultureInfo.InvariantCulture, $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        }
        if (bold)
        {
            _markup.Append(" font-weight=\"bold\"");
        }
        _markup.Append('>').Append(Escape(text)).Append("</text>");
    }

    /// <summary>The finished SVG element.</summary>
    public override string ToString() => _markup + "</svg>";

    /// <summary>Text escaped for an XML attribute or element in HTML.</summary>
    public static string Escape(string text) => HtmlText.Escape(text);

    /// <summary>A coordinate with at most two decimals, culture-invariant.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private void Path(string data, string fill, string? tooltip)
    {
        _markup.Append(CultureInfo.InvariantCulture, $"<path d=\"{data}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"1\"");
        CloseWithTooltip("path", tooltip);
    }

    private void CloseWithTooltip(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            _markup.Append("/>");
            return;
        }
        _markup.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(element).Append('>');
    }
}
