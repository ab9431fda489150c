namespace Shears.OnnxRuntime;

/// <summary>How an <see cref="OnnxRuntimeSession"/> is configured.</summary>
public sealed record OnnxRuntimeOptions
{
    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used to run independent operators at once; 1 runs operators one after another.</summary>
    public int InterOpThreads { get; init; } = 1;

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    public static OnnxRuntimeOptions Default { get; } = new();
}
