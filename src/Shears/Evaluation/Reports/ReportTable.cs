namespace Shears.Evaluation.Reports;

/// <summary>A table as plain text cells, built once from a report and rendered as Markdown and as HTML.</summary>
/// <param name="Headers">The column headings.</param>
/// <param name="Rows">The cells, one list per row, as many as there are headings.</param>
/// <param name="Numeric">Per column, true when it holds figures (right-aligned).</param>
internal sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric);
