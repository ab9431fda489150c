namespace Shears.Hardware;

/// <summary>Shapes of zeros a target may be able to skip.</summary>
public enum SparsityPattern
{
    /// <summary>Any weight may be zero.</summary>
    Unstructured,

    /// <summary>At most N non-zeros in every group of M consecutive weights (for example 2:4).</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("n:m")]
    NOfM,

    /// <summary>Whole rectangular blocks of weights are zero.</summary>
    Block,
}
