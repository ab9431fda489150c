using Shears.Evaluation.Reports;
using Shears.Optimization;

namespace Shears.Tests.Evaluation.Reports;

public sealed class OptimizationReportJsonTests
{
    [Fact]
    public void A_report_reads_back_to_the_same_json_and_the_same_figures()
    {
        var report = SyntheticReports.Cnn();
        var json = OptimizationReportJson.Serialize(report);

        var read = OptimizationReportJson.Deserialize(json);

        Assert.Equal(json, OptimizationReportJson.Serialize(read));
        Assert.Equal(report.Final.Cost.LatencyAt(128), read.Final.Cost.LatencyAt(128));
        Assert.Equal(report.Iterations.Select(i => i.Accepted), read.Iterations.Select(i => i.Accepted));
        Assert.Equal(report.Layers[3].Reason, read.Layers[3].Reason);
        Assert.Null(read.Layers[4].PredictedMsAfter);
        Assert.Equal(report.Pareto, read.Pareto);
        Assert.Equal(report.DropPoints, read.DropPoints, 12);
    }

    [Fact]
    public void The_json_is_camel_case_indented_and_names_the_derived_drops()
    {
        var json = OptimizationReportJson.Serialize(SyntheticReports.Cnn());

        Assert.Contains("\n  \"format\": \"shears.optimization-report\"", json, StringComparison.Ordinal);
        Assert.Contains("\"latencyMeasured\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"measuredMsBefore\":", json, StringComparison.Ordinal);
        Assert.Contains("\"dropAgainstControlPoints\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Format\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_loss_survives_the_round_trip()
    {
        var report = SyntheticReports.Cnn() with { Final = SyntheticReports.Cnn().Final with { Loss = double.NaN } };

        var read = OptimizationReportJson.Deserialize(OptimizationReportJson.Serialize(report));

        Assert.True(double.IsNaN(read.Final.Loss));
    }

    [Theory]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("{\"format\": \"shears.plan\", \"version\": 1}", "not a Shears optimisation report")]
    [InlineData("{\"format\": \"shears.optimization-report\", \"version\": 7}", "version 7")]
    [InlineData("{\"format\": \"shears.optimization-report\", \"version\": 1}", "not a valid optimisation report")]
    [InlineData("{\"format\": \"shears.optimization-report\", \"version\": 1,", "not a valid optimisation report")]
    public void Bad_json_fails_with_one_line_naming_the_source(string json, string expected)
    {
        var error = Assert.Throws<ShearsException>(() => OptimizationReportJson.Deserialize(json, "run/report.json"));

        Assert.StartsWith("run/report.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_unknown_field_is_refused()
    {
        var json = OptimizationReportJson.Serialize(SyntheticReports.Cnn()).Replace("\"planner\":", "\"plannerr\": \"x\", \"planner\":", StringComparison.Ordinal);

        var error = Assert.Throws<ShearsException>(() => OptimizationReportJson.Deserialize(json));

        Assert.Contains("plannerr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"shears-missing-{Guid.NewGuid():N}", OptimizationReportWriter.JsonFile);

        var error = Assert.Throws<ShearsException>(() => OptimizationReportJson.Load(path));

        Assert.Equal($"{path}: report file not found", error.Message);
    }

    [Fact]
    public void The_format_name_is_the_records_own()
    {
        Assert.Equal(OptimizationReport.FormatName, OptimizationReportJson.Deserialize(OptimizationReportJson.Serialize(SyntheticReports.Cnn())).Format);
    }
}
