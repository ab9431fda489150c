using System.Collections.Immutable;

namespace Shears.Hardware.Host;

/// <summary>
/// What can be read about the host without running anything: identity, cores, instruction sets, caches.
/// <see cref="Sources"/> uses the same figure paths as <see cref="HardwareProfile.Sources"/>.
/// </summary>
public sealed record HostFacts
{
    /// <summary>The processor's model name, as the OS reports it.</summary>
    public string CpuName { get; init; } = "";

    /// <summary>Logical processors this process may run on.</summary>
    public int LogicalProcessors { get; init; } = 1;

    /// <summary>Physical cores (without SMT siblings).</summary>
    public int PhysicalCores { get; init; } = 1;

    /// <summary>Maximum (or, failing that, current) core clock in GHz, when the OS tells it.</summary>
    public double? ClockGhz { get; init; }

    /// <summary>Instruction-set extensions the .NET runtime reports or /proc/cpuinfo lists.</summary>
    public IReadOnlyList<InstructionSet> InstructionSets { get; init; } = [];

    /// <summary>The widest vector the .NET runtime accelerates here, which the engine's kernels use.</summary>
    public SimdWidth Simd { get; init; } = SimdWidth.FromBits(32);

    /// <summary>The cache hierarchy as the OS reports it.</summary>
    public IReadOnlyList<CacheInfo> Caches { get; init; } = [];

    /// <summary>Installed memory in bytes (/proc/meminfo MemTotal), else the memory the .NET GC may use.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>The .NET runtime version, part of the fingerprint since it can change kernel speed.</summary>
    public string RuntimeVersion { get; init; } = "";

    /// <summary>Where each fact was read from, keyed by figure path.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
