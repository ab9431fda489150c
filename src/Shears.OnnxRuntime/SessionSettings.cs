using Microsoft.ML.OnnxRuntime;

namespace Shears.OnnxRuntime;

/// <summary>Translates <see cref="OnnxRuntimeOptions"/> into ONNX Runtime's session options.</summary>
internal static class SessionSettings
{
    public static SessionOptions Create(OnnxRuntimeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InterOpThreads);
        var settings = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            ExecutionMode = options.InterOpThreads > 1 ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = options.Optimization switch
            {
                GraphOptimization.None => GraphOptimizationLevel.ORT_DISABLE_ALL,
                GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
            // Warnings (unused initializers, fallbacks) are ONNX Runtime's business; failures surface as exceptions.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        return settings;
    }
}
