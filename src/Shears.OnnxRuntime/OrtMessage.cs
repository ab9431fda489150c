using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Shears.OnnxRuntime;

/// <summary>Turns ONNX Runtime's multi-line error text into one line fit for a Shears message.</summary>
internal static partial class OrtMessage
{
    public static string OneLine(OnnxRuntimeException exception)
    {
        // ORT prefixes every message with its status code, e.g. "[ErrorCode:InvalidProtobuf] ".
        var text = StatusPrefix().Replace(exception.Message, "");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"^\[ErrorCode:[^\]]*\]\s*")]
    private static partial Regex StatusPrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
