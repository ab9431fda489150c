namespace Shears.Evaluation.Reports.Charts;

/// <summary>One point of a scatter series.</summary>
/// <param name="X">Horizontal value.</param>
/// <param name="Y">Vertical value.</param>
/// <param name="Tooltip">What hovering over it shows.</param>
/// <param name="Label">A short label drawn beside it (an iteration number), or null.</param>
internal sealed record ChartPoint(double X, double Y, string Tooltip, string? Label = null);
