using System.Collections.Immutable;

namespace Shears.Hardware;

/// <summary>
/// What a target offers a pruned model: compute, memory, vector and matrix shapes, and which kinds of
/// zeros it can skip. Plain data; <see cref="Sources"/> says where every figure comes from, keyed by
/// the figure's JSON path (for example "compute.float32Gflops"); a key also covers the paths below it.
/// </summary>
public sealed record HardwareProfile
{
    /// <summary>The name a profile is chosen by, such as "host" or a built-in target's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>CPU, GPU or accelerator; decides which figures are meaningful.</summary>
    public HardwareKind Kind { get; init; }

    /// <summary>A one-line human description, such as a detected host's CPU model and core counts.</summary>
    public string Description { get; init; } = "";

    /// <summary>Name of the profile this one overrides, as written in a profile file.</summary>
    public string? BasedOn { get; init; }

    /// <summary>For a detected host: the hardware fingerprint its measurements are cached under.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>CPU cores, GPU streaming multiprocessors, or accelerator cores.</summary>
    public int Cores { get; init; } = 1;

    /// <summary>Hardware threads, when they differ from cores (SMT).</summary>
    public int? LogicalProcessors { get; init; }

    /// <summary>Core clock in GHz, when known.</summary>
    public double? ClockGhz { get; init; }

    /// <summary>The vector width kernels use, when the target has SIMD vectors.</summary>
    public SimdWidth? Simd { get; init; }

    /// <summary>Instruction-set extensions the target supports that matter for kernels.</summary>
    public IReadOnlyList<InstructionSet> InstructionSets { get; init; } = [];

    /// <summary>The cache hierarchy, one entry per level and type.</summary>
    public IReadOnlyList<CacheInfo> Caches { get; init; } = [];

    /// <summary>Dense peak throughput figures.</summary>
    public PeakCompute Compute { get; init; } = new();

    /// <summary>Off-chip memory bandwidth and capacity.</summary>
    public MemoryFigures Memory { get; init; } = new();

    /// <summary>Channel counts the target runs most efficiently in multiples of, most important first.</summary>
    public IReadOnlyList<int> PreferredChannelMultiples { get; init; } = [];

    /// <summary>The sparsity patterns the target can exploit and by how much; empty when it exploits none.</summary>
    public IReadOnlyList<SparsitySupport> Sparsity { get; init; } = [];

    /// <summary>The matrix engine of an accelerator, when it has one.</summary>
    public SystolicArray? SystolicArray { get; init; }

    /// <summary>Where each figure comes from (a datasheet, a measurement, a detection), keyed by its JSON path; see <see cref="SourceOf"/>.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The first preferred channel multiple, or 1 when the profile states none.</summary>
    public int PrimaryChannelMultiple() => PreferredChannelMultiples.Count > 0 ? PreferredChannelMultiples[0] : 1;

    /// <summary>The speed-up a pattern gets on this target, or null when the profile does not state it.</summary>
    public SparsitySupport? SparsityFor(SparsityPattern pattern) => Sparsity.FirstOrDefault(support => support.Pattern == pattern);

    /// <summary>
    /// Where a figure comes from: the source recorded for its path or the nearest enclosing path
    /// ("memory" covers "memory.bandwidthGBps"); null when none is recorded.
    /// </summary>
    public string? SourceOf(string figurePath)
    {
        foreach (var path in ProfileFigures.SelfAndEnclosing(figurePath))
        {
            if (Sources.TryGetValue(path, out var source))
            {
                return source;
            }
        }
        return null;
    }
}
