using System.Collections.Immutable;

namespace Shears.Hardware.Host;

/// <summary>
/// What can be read about the host without running anything: identity, cores, instruction sets, caches.
/// <see cref="Sources"/> uses the same figure paths as <see cref="HardwareProfile.Sources"/>.
/// </summary>
public sealed record HostFacts
{
    public string CpuName { get; init; } = "";

    /// <summary>Logical processors this process may run on.</summary>
    public int LogicalProcessors { get; init; } = 1;

    public int PhysicalCores { get; init; } = 1;

    public double? ClockGhz { get; init; }

    public IReadOnlyList<InstructionSet> InstructionSets { get; init; } = [];

    /// <summary>The widest vector the .NET runtime accelerates here, which the engine's kernels use.</summary>
    public SimdWidth Simd { get; init; } = SimdWidth.FromBits(32);

    public IReadOnlyList<CacheInfo> Caches { get; init; } = [];

    public long? MemoryBytes { get; init; }

    public string RuntimeVersion { get; init; } = "";

    public IReadOnlyDictionary<string, string> Sources { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
