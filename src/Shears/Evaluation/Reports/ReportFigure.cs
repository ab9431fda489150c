namespace Shears.Evaluation.Reports;

/// <summary>One plot of the HTML report: an anchor id, the inline SVG, and a caption saying how to read it.</summary>
/// <param name="Id">The HTML id of its figure.</param>
/// <param name="Svg">The SVG element.</param>
/// <param name="Caption">What it shows.</param>
internal sealed record ReportFigure(string Id, string Svg, string Caption);
