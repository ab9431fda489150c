using System.Text;
using Shears.Optimization;

namespace Shears.Evaluation.Reports;

/// <summary>Renders report.md: the run, the verdict, the models compared, and tables of iterations, layers and search candidates.</summary>
public static class OptimizationReportMarkdown
{
    /// <summary>The report as a Markdown document.</summary>
    /// <param name="report">The report to render.</param>
    public static string Render(OptimizationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("# Optimisation report: ").Append(Escape(report.Model)).Append("\n\n");
        text.Append("**").Append(Escape(ReportTables.Verdict(report))).Append("** ").Append(Escape(ReportTables.Drops(report))).Append("\n\n");
        foreach (var (label, value) in ReportTables.RunFacts(report))
        {
            text.Append("- ").Append(label).Append(": ").Append(Escape(value)).Append('\n');
        }

        foreach (var section in ReportTables.Sections(report))
        {
            text.Append("\n## ").Append(section.Heading).Append("\n\n").Append(Escape(section.Intro)).Append('\n');
            if (section.Table is { } table)
            {
                text.Append('\n');
                AppendTable(text, table);
            }
        }

        if (report.Notes.Count > 0)
        {
            text.Append("\n## Notes\n\n");
            foreach (var note in report.Notes)
            {
                text.Append("- ").Append(Escape(note)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, ReportTable table)
    {
        text.Append("| ").AppendJoin(" | ", table.Headers.Select(Escape)).Append(" |\n");
        text.Append('|').AppendJoin("|", table.Numeric.Select(numeric => numeric ? " ---: " : " --- ")).Append("|\n");
        foreach (var row in table.Rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
        }
    }

    // Text from the run (layer names, notes) must not open a table cell, a tag or emphasis, nor break a line.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r' or '\n':
                    escaped.Append(' ');
                    break;
                case '|' or '\\' or '*' or '_' or '`' or '<' or '>' or '[' or ']':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }
}
