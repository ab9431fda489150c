using Shears.IO;
using Shears.Optimization;

namespace Shears.Evaluation.Reports;

/// <summary>Writes the report folder: report.json, report.md and index.html.</summary>
public static class OptimizationReportWriter
{
    /// <summary>The JSON file's name in the folder.</summary>
    public const string JsonFile = "report.json";

    /// <summary>The Markdown file's name in the folder.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>The HTML file's name in the folder.</summary>
    public const string HtmlFile = "index.html";

    /// <summary>
    /// Renders all three files first, then writes each atomically into <paramref name="folder"/> (created when missing),
    /// so a failure leaves every file either as it was or complete, never a part of one.
    /// </summary>
    /// <param name="report">The report to write.</param>
    /// <param name="folder">The report folder.</param>
    /// <returns>The paths written, in the order above.</returns>
    /// <exception cref="ShearsException">The folder cannot be created or a file cannot be written.</exception>
    public static IReadOnlyList<string> Write(OptimizationReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(folder);
        (string Name, string Text)[] files =
        [
            (JsonFile, OptimizationReportJson.Serialize(report)),
            (MarkdownFile, OptimizationReportMarkdown.Render(report)),
            (HtmlFile, OptimizationReportHtml.Render(report)),
        ];
        if (File.Exists(folder))
        {
            throw new ShearsException($"{folder}: is a file, not a report folder");
        }
        AtomicFile.EnsureDirectory(folder, "report");
        var paths = new List<string>(files.Length);
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            AtomicFile.WriteText(path, text);
            paths.Add(path);
        }
        return paths;
    }
}
