using System.Text;
using System.Text.Json;

namespace Shears.Cli.Rendering;

/// <summary>`shears profile --json`: whole-model figures, the prediction, and one entry per layer.</summary>
internal static class ProfileReportJson
{
    public static string Serialize(ProfileReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
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
            json.WriteNumber("predictedMs", report.Prediction.TotalMs);
            json.WriteString("predictionMethod", report.Prediction.Method);
            json.WriteStartArray("layers");
            foreach (var row in report.Rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row.Name);
                json.WriteString("op", row.Op);
                WriteNullable(json, "measuredMs", row.MeasuredMs);
                WriteNullable(json, "predictedMs", row.PredictedMs);
                if (row.Source is { } source)
                {
                    json.WriteString("predictedFrom", JsonNamingPolicy.CamelCase.ConvertName(source.ToString()));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
