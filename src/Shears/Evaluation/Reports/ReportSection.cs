namespace Shears.Evaluation.Reports;

/// <summary>One titled part of a report: a sentence saying what it shows (or that it is empty) and its table, if any.</summary>
/// <param name="Heading">The section's title.</param>
/// <param name="Intro">The sentence before the table.</param>
/// <param name="Table">The table; null when there is nothing to list.</param>
internal sealed record ReportSection(string Heading, string Intro, ReportTable? Table);
