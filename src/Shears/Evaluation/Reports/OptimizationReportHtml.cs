using System.Text;
using Shears.Optimization;

namespace Shears.Evaluation.Reports;

/// <summary>
/// Renders index.html: one self-contained page with inline styles and inline SVG plots, no scripts and no external
/// resources, so it reads the same offline; a content security policy forbids loading anything.
/// </summary>
public static class OptimizationReportHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1180px;padding:0 1em;color:#222;line-height:1.4}
        h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
        .verdict{font-size:1.1em;font-weight:bold;padding:.5em .8em;border-radius:4px}
        .met{background:#e6f4ea;color:#14532d}.unmet{background:#fdecea;color:#7f1d1d}
        dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
        table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top}
        th{background:#f5f5f5;text-align:left}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        .plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1.2em}
        figure{margin:0}figure svg{max-width:100%;height:auto;border:1px solid #eee}figcaption{font-size:.9em;color:#555}
        """;

    /// <summary>The report as a complete HTML document.</summary>
    /// <param name="report">The report to render.</param>
    public static string Render(OptimizationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        var title = $"Optimisation report: {report.Model}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p class=\"verdict ").Append(report.BudgetMet ? "met" : "unmet").Append("\">").Append(E(ReportTables.Verdict(report))).Append("</p>\n");
        html.Append("<p>").Append(E(ReportTables.Drops(report))).Append("</p>\n");
        html.Append("<dl>\n");
        foreach (var (label, value) in ReportTables.RunFacts(report))
        {
            html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        }
        html.Append("</dl>\n");

        var sections = ReportTables.Sections(report);
        AppendSection(html, sections[0]);
        html.Append("<h2>Plots</h2>\n<div class=\"plots\">\n");
        foreach (var figure in ReportPlots.Of(report))
        {
            html.Append("<figure id=\"").Append(figure.Id).Append("\">\n").Append(figure.Svg)
                .Append("\n<figcaption>").Append(E(figure.Caption)).Append("</figcaption>\n</figure>\n");
        }
        html.Append("</div>\n");
        foreach (var section in sections.Skip(1))
        {
            AppendSection(html, section);
        }

        if (report.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2>\n<ul>\n");
            foreach (var note in report.Notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendSection(StringBuilder html, ReportSection section)
    {
        html.Append("<h2>").Append(E(section.Heading)).Append("</h2>\n<p>").Append(E(section.Intro)).Append("</p>\n");
        if (section.Table is { } table)
        {
            AppendTable(html, table);
        }
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        html.Append("<table>\n<thead><tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(table.Numeric[i] ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => HtmlText.Escape(text);
}
