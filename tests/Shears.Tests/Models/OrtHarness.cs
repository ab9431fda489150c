using Microsoft.ML.OnnxRuntime;
using Shears.IR;
using Shears.Onnx;

namespace Shears.Tests.Models;

/// <summary>Runs a Shears model in ONNX Runtime, through the bytes OnnxWriter produces.</summary>
internal static class OrtHarness
{
    /// <summary>Runs the model's <c>input</c> → <c>logits</c> and returns the output's values and shape.</summary>
    public static (float[] Values, long[] Shape) Run(Model model, float[] input, long[] inputShape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(OnnxWriter.ToBytes(model), options);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, inputShape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [inputValue], ["logits"]);
        var output = outputs[0];
        return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }
}
