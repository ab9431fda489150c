namespace Shears.OnnxRuntime;

/// <summary>How much ONNX Runtime may rewrite a graph before running it.</summary>
public enum GraphOptimization
{
    /// <summary>Run the graph as written.</summary>
    None,

    /// <summary>Semantics-preserving rewrites that fit every provider: constant folding, redundant node removal.</summary>
    Basic,

    /// <summary>Basic plus operator fusions (Conv+Add, attention, GELU, ...).</summary>
    Extended,

    /// <summary>Extended plus memory-layout transformations; ONNX Runtime's default.</summary>
    All,
}
