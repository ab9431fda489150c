namespace Shears.Evaluation.Reports.Charts;

/// <summary>A chart's title and axis titles.</summary>
/// <param name="Title">What the chart shows.</param>
/// <param name="XTitle">The horizontal axis' quantity and unit.</param>
/// <param name="YTitle">The vertical axis' quantity and unit.</param>
internal sealed record ChartText(string Title, string XTitle, string YTitle);
