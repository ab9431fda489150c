namespace Shears.OnnxRuntime;

/// <summary>How <see cref="RandomInputs"/> sizes and fills a model's inputs.</summary>
public sealed record RandomInputOptions
{
    /// <summary>The same seed, inputs and options always give the same values.</summary>
    public ulong Seed { get; init; }

    /// <summary>Values for named symbolic dimensions (for example "batch" = 8).</summary>
    public IReadOnlyDictionary<string, long> DimBindings { get; init; } = new Dictionary<string, long>();

    /// <summary>Size of symbolic dimensions not bound above, and of unknown dimensions.</summary>
    public long DefaultDimValue { get; init; } = 1;

    /// <summary>Ranges for integer inputs by input name (token ids, class labels).</summary>
    public IReadOnlyDictionary<string, IntegerRange> IntegerRanges { get; init; } = new Dictionary<string, IntegerRange>();

    /// <summary>
    /// Range for integer inputs with no entry above and no range the model implies (an input used
    /// as indices into an embedding table implies [0, rows)).
    /// </summary>
    public IntegerRange DefaultIntegerRange { get; init; } = new(0, 10);

    /// <summary>Seed 0, symbolic dimensions of size 1, integers in [0, 10) unless the model implies a range.</summary>
    public static RandomInputOptions Default { get; } = new();
}
