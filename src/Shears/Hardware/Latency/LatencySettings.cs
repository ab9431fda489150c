using System.Globalization;
using System.Text.Json.Serialization;

namespace Shears.Hardware.Latency;

/// <summary>What a latency figure is for: which runtime, how many threads inside an operator, and the batch size.</summary>
public sealed record LatencySettings
{
    /// <summary>The runtime the figure is for; ONNX Runtime by default.</summary>
    public LatencyRuntime Runtime { get; init; } = LatencyRuntime.OnnxRuntime;

    /// <summary>Threads one operator may use (ONNX Runtime intra-op threads; engine kernel threads).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Size given to the batch dimension of every runtime input.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>ONNX Runtime, one thread, batch 1.</summary>
    public static LatencySettings Default { get; } = new();

    /// <summary>Throws with one line when a setting is impossible.</summary>
    public void Validate()
    {
        if (Threads < 1)
        {
            throw new ShearsException(string.Create(CultureInfo.InvariantCulture, $"threads {Threads} must be at least 1"));
        }
        if (Batch < 1)
        {
            throw new ShearsException(string.Create(CultureInfo.InvariantCulture, $"batch {Batch} must be at least 1"));
        }
    }

    /// <summary>A short stable text for file names and cache keys, e.g. "onnxruntime-t1-b1".</summary>
    [JsonIgnore]
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{RuntimeName(Runtime)}-t{Threads}-b{Batch}");

    /// <summary>The lower-case name of a runtime used in keys, file names and reports: "engine" or "onnxruntime".</summary>
    public static string RuntimeName(LatencyRuntime runtime) => runtime switch
    {
        LatencyRuntime.Engine => "engine",
        _ => "onnxruntime",
    };
}
