using System.Text.Json;
using Shears.Engine;
using Shears.Evaluation;

namespace Shears.Tests.Evaluation;

/// <summary>The evaluation report: the evaluator's figures, latency at both batch sizes, and its JSON form.</summary>
public sealed class EvaluationReportTests
{
    private static readonly float[][] Logits = [[0, 1, 2], [2, 1, 0], [0, 2, 1], [1, 0, 2]];

    private static readonly int[] Labels = [2, 0, 0, 2];

    [Fact]
    public void The_report_holds_the_evaluators_figures_and_both_latency_batches()
    {
        var engine = new EngineOptions { Threads = 1 };
        var data = new LogitSamples(Logits, Labels);
        var report = EvaluationReport.Measure(EvaluationModels.Identity(), "identity.onnx", data, batchSize: 3, engine);
        var direct = ClassifierEvaluator.Evaluate(EvaluationModels.Identity(), data, batchSize: 3, engine: engine);

        Assert.Equal(direct, report.Metrics);
        Assert.Equal(3, report.Metrics.Correct);
        Assert.Equal(EvaluationReport.SmallBatch, report.LatencyBatch1.Batch);
        Assert.Equal(EvaluationReport.LargeBatch, report.LatencyBatch128.Batch);
        Assert.True(report.LatencyBatch1.MedianMs > 0);
        Assert.Equal(1, report.Threads);
        Assert.Equal("identity.onnx", report.Model);
    }

    [Fact]
    public void The_json_form_has_flat_unit_named_fields_equal_to_the_report()
    {
        var report = EvaluationReport.Measure(EvaluationModels.Identity(), "m.onnx", new LogitSamples(Logits, Labels), engine: new EngineOptions { Threads = 1 });
        using var json = JsonDocument.Parse(EvaluationReportJson.Serialize(report));
        var root = json.RootElement;
        Assert.Equal("m.onnx", root.GetProperty("model").GetString());
        Assert.Equal(4, root.GetProperty("samples").GetInt32());
        Assert.Equal(report.Metrics.Accuracy, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(report.Metrics.Loss, root.GetProperty("loss").GetDouble());
        Assert.Equal(report.LatencyBatch1.MedianMs, root.GetProperty("latencyMsBatch1").GetDouble());
        Assert.Equal(report.LatencyBatch128.MedianMs, root.GetProperty("latencyMsBatch128").GetDouble());
        Assert.Equal(report.LatencyBatch1.P90Ms, root.GetProperty("p90MsBatch1").GetDouble());
        Assert.Equal(report.LatencyBatch128.P90Ms, root.GetProperty("p90MsBatch128").GetDouble());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void A_batch_below_one_is_an_option_error_naming_it(int batch)
    {
        var error = Assert.Throws<InvalidOptionException>(() =>
            EvaluationReport.Measure(EvaluationModels.Identity(), "m.onnx", new LogitSamples(Logits, Labels), batch));
        Assert.Contains("BatchSize", error.Options);
    }
}
