using Shears.Evaluation.Reports;

namespace Shears.Tests.Evaluation.Reports;

public sealed class OptimizationReportWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shears-report-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void It_creates_the_folder_and_writes_the_three_files_and_nothing_else()
    {
        var folder = Path.Combine(_root, "runs", "cnn");
        var report = SyntheticReports.Cnn();

        var written = OptimizationReportWriter.Write(report, folder);

        Assert.Equal(["index.html", "report.json", "report.md"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(3, written.Count);
        Assert.Equal(OptimizationReportJson.Serialize(report), File.ReadAllText(Path.Combine(folder, "report.json")));
        Assert.Equal(OptimizationReportMarkdown.Render(report), File.ReadAllText(Path.Combine(folder, "report.md")));
        Assert.Equal(OptimizationReportHtml.Render(report), File.ReadAllText(Path.Combine(folder, "index.html")));
        Assert.Equal(report.Final.Accuracy, OptimizationReportJson.Load(Path.Combine(folder, "report.json")).Final.Accuracy);
    }

    [Fact]
    public void Writing_again_replaces_the_files_whole()
    {
        var folder = Path.Combine(_root, "cnn");
        OptimizationReportWriter.Write(SyntheticReports.Cnn(), folder);
        var unmet = SyntheticReports.Cnn() with { BudgetMet = false, StopReason = "accuracy floor reached" };

        OptimizationReportWriter.Write(unmet, folder);

        Assert.Contains("Budget not met; the loop stopped: accuracy floor reached.", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public void A_file_in_place_of_the_folder_is_refused_and_left_alone()
    {
        var path = Path.Combine(_root, "taken");
        File.WriteAllText(path, "mine");

        var error = Assert.Throws<ShearsException>(() => OptimizationReportWriter.Write(SyntheticReports.Cnn(), path));

        Assert.Equal($"{path}: is a file, not a report folder", error.Message);
        Assert.Equal("mine", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void A_folder_in_place_of_a_file_fails_without_leaving_temporary_files()
    {
        var folder = Path.Combine(_root, "cnn");
        Directory.CreateDirectory(Path.Combine(folder, "report.md"));

        var error = Assert.Throws<ShearsException>(() => OptimizationReportWriter.Write(SyntheticReports.Cnn(), folder));

        Assert.Contains("report.md: is a directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
