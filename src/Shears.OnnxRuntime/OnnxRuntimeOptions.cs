namespace Shears.OnnxRuntime;

/// <summary>How an <see cref="OnnxRuntimeSession"/> is configured.</summary>
public sealed record OnnxRuntimeOptions
{
    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used to run independent operators at once; 1 runs operators one after another.</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>How much ONNX Runtime may rewrite the graph before running it; all optimisations by default, as a deployment runs.</summary>
    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    /// <summary>ONNX Runtime's choice of intra-op threads, operators run one after another, all optimisations.</summary>
    public static OnnxRuntimeOptions Default { get; } = new();
}
