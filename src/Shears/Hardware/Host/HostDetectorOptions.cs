namespace Shears.Hardware.Host;

/// <summary>Where <see cref="HostDetector"/> reads from and writes to; every part can be replaced in tests.</summary>
public sealed record HostDetectorOptions
{
    /// <summary>Root of the procfs tree (cpuinfo, meminfo).</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>Root of the sysfs tree (CPU topology, caches, frequency).</summary>
    public string SysRoot { get; init; } = "/sys";

    /// <summary>Folder of cached measurements; null means <see cref="HardwareDirectories.HostCache"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Runs the micro-benchmarks; null means <see cref="HostBenchmark.Run"/> with default settings.</summary>
    public Func<HostFacts, HostMeasurements>? Measure { get; init; }

    /// <summary>The clock that stamps new measurements; the system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
