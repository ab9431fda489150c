namespace Shears.Evaluation.Reports.Charts;

/// <summary>One series of a grouped bar chart: a value per category, null where it has none.</summary>
/// <param name="Name">The legend's name for it.</param>
/// <param name="Values">One value per category.</param>
/// <param name="Color">Its colour.</param>
internal sealed record BarSeries(string Name, IReadOnlyList<double?> Values, string Color);
