using Shears.IO;

namespace Shears.Evaluation;

/// <summary>Writes an <see cref="EvaluationReport"/> as one JSON object with flat, unit-named fields.</summary>
public static class EvaluationReportJson
{
    /// <summary>The report as indented JSON: model, samples, accuracy, loss, and median and p90 latency in ms at batch 1 and 128, and threads.</summary>
    public static string Serialize(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return IndentedJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", report.Model);
            json.WriteNumber("samples", report.Metrics.Samples);
            json.WriteNumber("accuracy", report.Metrics.Accuracy);
            json.WriteNumber("loss", report.Metrics.Loss);
            json.WriteNumber("latencyMsBatch1", report.LatencyBatch1.MedianMs);
            json.WriteNumber("latencyMsBatch128", report.LatencyBatch128.MedianMs);
            json.WriteNumber("p90MsBatch1", report.LatencyBatch1.P90Ms);
            json.WriteNumber("p90MsBatch128", report.LatencyBatch128.P90Ms);
            json.WriteNumber("threads", report.Threads);
            json.WriteEndObject();
        });
    }
}
