namespace Shears.Hardware;

/// <summary>
/// How much a sparsity pattern speeds up the operations it applies to, compared with the same
/// operations dense, at the stated fraction of zeros. A speed-up of 1 says zeros are not exploited.
/// </summary>
public sealed record SparsitySupport
{
    /// <summary>The pattern of zeros this entry is about.</summary>
    public SparsityPattern Pattern { get; init; }

    /// <summary>For <see cref="SparsityPattern.NOfM"/>: non-zeros kept per group.</summary>
    public int? N { get; init; }

    /// <summary>For <see cref="SparsityPattern.NOfM"/>: group length.</summary>
    public int? M { get; init; }

    /// <summary>For <see cref="SparsityPattern.Block"/>: block height in output channels.</summary>
    public int? BlockRows { get; init; }

    /// <summary>For <see cref="SparsityPattern.Block"/>: block width in input channels.</summary>
    public int? BlockColumns { get; init; }

    /// <summary>Best speed-up on the affected operations.</summary>
    public double SpeedUp { get; init; } = 1;

    /// <summary>Fraction of weights that are zero when <see cref="SpeedUp"/> is reached.</summary>
    public double? AtSparsity { get; init; }

    /// <summary>Which operations gain, for example "tensor-core matrix multiply".</summary>
    public string? AppliesTo { get; init; }

    /// <summary>True when the speed-up needs sparse kernels that dense runtimes do not use.</summary>
    public bool RequiresSparseKernels { get; init; }
}
