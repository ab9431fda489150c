using Shears.Hardware.Latency;

namespace Shears.Cli;

/// <summary>The --runtime option of the commands that measure latency: ONNX Runtime by default, or Shears' engine.</summary>
internal static class RuntimeOption
{
    private static readonly Dictionary<string, LatencyRuntime> Words = new(StringComparer.Ordinal)
    {
        ["ort"] = LatencyRuntime.OnnxRuntime,
        ["engine"] = LatencyRuntime.Engine,
    };

    public static LatencyRuntime Parse(string? text) => EnumOption.Parse("--runtime", text, Words, LatencyRuntime.OnnxRuntime);
}
