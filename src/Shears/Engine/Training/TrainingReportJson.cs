using Shears.Evaluation;
using Shears.IO;

namespace Shears.Engine.Training;

/// <summary>Writes a training run as one JSON object: the per-epoch history and the test figures of the written model.</summary>
public static class TrainingReportJson
{
    /// <summary>The JSON text, with fields <c>output</c>, <c>epochs</c> (epoch, loss, accuracy, seconds, samplesPerSecond) and <c>test</c>.</summary>
    public static string Serialize(string output, IReadOnlyList<EpochResult> history, ClassificationMetrics test)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(test);
        return IndentedJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("output", output);
            json.WriteStartArray("epochs");
            foreach (var epoch in history)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", epoch.Epoch);
                json.WriteNumber("loss", epoch.Loss);
                json.WriteNumber("accuracy", epoch.Accuracy);
                json.WriteNumber("seconds", epoch.Seconds);
                json.WriteNumber("samplesPerSecond", epoch.SamplesPerSecond);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("test");
            json.WriteNumber("samples", test.Samples);
            json.WriteNumber("accuracy", test.Accuracy);
            json.WriteNumber("loss", test.Loss);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
