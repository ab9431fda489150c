using System.Text.Json;
using Shears.IO;

namespace Shears.Hardware.Latency;

/// <summary>Writes a <see cref="ProfileReport"/> as one JSON object: whole-model figures, the prediction, and one entry per layer.</summary>
public static class ProfileReportJson
{
    /// <summary>The report as indented JSON, for <c>shears profile --json</c> and for saving.</summary>
    public static string Serialize(ProfileReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return IndentedJson.Write(json =>
        {
            var measurement = report.Measurement;
            json.WriteStartObject();
            json.WriteString("model", report.Model);
            json.WriteString("runtime", report.RuntimeName);
            json.WriteNumber("threads", measurement.Settings.Threads);
            json.WriteNumber("batch", measurement.Settings.Batch);
            json.WriteString("host", report.Host.Fingerprint);
            json.WriteString("hostDescription", report.Host.Description);
            json.WriteString("measuredAt", report.MeasuredAt);
            json.WriteString("clock", JsonNamingPolicy.CamelCase.ConvertName(measurement.Clock.ToString()));
            json.WriteNumber("medianMs", measurement.MedianMs);
            json.WriteNumber("p90Ms", measurement.P90Ms);
            json.WriteNumber("minMs", measurement.MinMs);
            if (measurement.CpuMedianMs is { } cpu)
            {
                json.WriteNumber("cpuMedianMs", cpu);
            }
            json.WriteNumber("runs", measurement.Runs);
            json.WriteNumber("samples", measurement.Samples);
            json.WriteNumber("layerSumMs", report.LayerSumMs);
            json.WriteNumber("predictedMs", report.Prediction.TotalMs);
            json.WriteString("predictionMethod", report.Prediction.Method);
            json.WriteStartArray("layers");
            foreach (var row in report.Rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row.Name);
                json.WriteString("op", row.Op);
                json.WriteNumberOrNull("measuredMs", row.MeasuredMs);
                json.WriteNumberOrNull("predictedMs", row.PredictedMs);
                if (row.Source is { } source)
                {
                    json.WriteString("predictedFrom", JsonNamingPolicy.CamelCase.ConvertName(source.ToString()));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
