namespace Shears.Pruning;

/// <summary>What pruning removes.</summary>
public enum PruningGranularity
{
    /// <summary>Single weights (zeroed).</summary>
    Unstructured,

    /// <summary>N of every M consecutive weights along the reduction axis are kept (zeroed pattern).</summary>
    NM,

    /// <summary>Rectangular blocks of weights (zeroed pattern).</summary>
    Block,

    /// <summary>Channels, filters and neurons, removed together with everything coupled to them.</summary>
    Channel,

    /// <summary>Whole attention heads.</summary>
    Head,

    /// <summary>Whole residual branches (blocks, layers).</summary>
    Layer,
}
