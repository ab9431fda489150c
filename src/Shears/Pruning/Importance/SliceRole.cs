namespace Shears.Pruning.Importance;

/// <summary>What a parameter slice is to its channel.</summary>
public enum SliceRole
{
    /// <summary>Weights of a convolution, linear layer or embedding (a filter, a row, a column).</summary>
    Weight,

    /// <summary>A bias entry.</summary>
    Bias,

    /// <summary>A normalization scale (BatchNorm/LayerNorm gamma).</summary>
    NormScale,

    /// <summary>Any other per-channel constant (normalization shift, running statistics, added or multiplied constants).</summary>
    Other,
}
