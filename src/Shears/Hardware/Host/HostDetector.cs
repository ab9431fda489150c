using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Shears.Hardware.Host;

/// <summary>
/// Describes the machine Shears runs on as a <see cref="HardwareProfile"/> named "host": static facts read
/// from the OS and runtime, plus measured compute and bandwidth, cached per hardware fingerprint.
/// </summary>
public sealed class HostDetector
{
    /// <summary>The name of the host's profile, reserved among profile names.</summary>
    public const string ProfileName = "host";

    private readonly HostDetectorOptions _options;
    private readonly Func<HostFacts, HostMeasurements> _measure;

    /// <summary>A detector reading the real /proc and /sys and caching measurements in the user's cache folder, unless <paramref name="options"/> say otherwise.</summary>
    public HostDetector(HostDetectorOptions? options = null)
    {
        _options = options ?? new HostDetectorOptions();
        _measure = _options.Measure ?? (facts => HostBenchmark.Run(facts));
        Cache = new MeasurementCache(_options.CacheDirectory ?? HardwareDirectories.HostCache());
    }

    /// <summary>Where measured figures are cached, one file per hardware fingerprint.</summary>
    public MeasurementCache Cache { get; }

    /// <summary>The host profile. <see cref="MeasurementPolicy.Skip"/> returns at once without measured figures.</summary>
    /// <param name="policy">Whether to use the cached measurement, measure again, or skip measuring.</param>
    /// <param name="progress">Told when a measurement (some seconds) starts and ends; silent when the cache answers.</param>
    public HardwareProfile Detect(MeasurementPolicy policy = MeasurementPolicy.UseCache, IProgress<OperationProgress>? progress = null)
    {
        var facts = ReadFacts();
        var fingerprint = HostFingerprint.Compute(facts);
        var measured = policy switch
        {
            MeasurementPolicy.Skip => null,
            MeasurementPolicy.UseCache => Cache.TryRead(fingerprint) ?? MeasureAndCache(facts, fingerprint, progress),
            _ => MeasureAndCache(facts, fingerprint, progress),
        };
        return HostProfileBuilder.Build(facts, fingerprint, measured);
    }

    /// <summary>What can be known about the host without running a benchmark.</summary>
    public HostFacts ReadFacts()
    {
        var cpuInfo = ProcCpuInfo.Parse(ReadText(Path.Combine(_options.ProcRoot, "cpuinfo")));
        var sysfs = new SysfsCpu(_options.SysRoot);
        var sysfsCpu = Path.Combine(_options.SysRoot, "devices", "system", "cpu");
        var sources = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);

        var logical = Environment.ProcessorCount;
        sources["logicalProcessors"] = "Environment.ProcessorCount (processors this process may use)";
        var (physical, coresSource) = sysfs.PhysicalCores() is { } fromSysfs
            ? (fromSysfs, $"{sysfsCpu}/cpu*/topology (distinct package and core ids)")
            : cpuInfo.PhysicalCores is { } fromCpuInfo
                ? (fromCpuInfo, "/proc/cpuinfo physical id and core id")
                : (logical, "assumed one core per logical processor (no topology available)");
        sources["cores"] = coresSource;

        var (clock, clockSource) = sysfs.MaxClockGhz() is { } maxClock
            ? (maxClock, (string?)$"{sysfsCpu}/cpu0/cpufreq/cpuinfo_max_freq")
            : (cpuInfo.Mhz / 1000, cpuInfo.Mhz is null ? null : "/proc/cpuinfo cpu MHz (current clock; boost is not visible)");
        if (clockSource is not null)
        {
            sources["clockGhz"] = clockSource;
        }

        var simd = InstructionSetProbe.EngineSimdWidth();
        sources["simd"] = $"widest vector .NET {Environment.Version} accelerates here (Vector512/256/128.IsHardwareAccelerated), as the engine uses";
        sources["instructionSets"] = "System.Runtime.Intrinsics IsSupported and /proc/cpuinfo flags";
        var caches = sysfs.Caches();
        sources["caches"] = $"{sysfsCpu}/cpu0/cache";

        var memory = ProcCpuInfo.ParseMemTotal(ReadText(Path.Combine(_options.ProcRoot, "meminfo")));
        sources["memory.capacityBytes"] = memory is null ? "GC total available memory" : "/proc/meminfo MemTotal";
        memory ??= GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

        return new HostFacts
        {
            CpuName = cpuInfo.ModelName ?? $"unknown {RuntimeInformation.ProcessArchitecture} processor",
            LogicalProcessors = logical,
            PhysicalCores = Math.Clamp(physical, 1, logical),
            ClockGhz = clock,
            InstructionSets = InstructionSetProbe.Detect(cpuInfo.Flags),
            Simd = simd,
            Caches = caches,
            MemoryBytes = memory,
            RuntimeVersion = Environment.Version.ToString(),
            Sources = sources.ToImmutable(),
        };
    }

    private MeasurementRecord MeasureAndCache(HostFacts facts, string fingerprint, IProgress<OperationProgress>? progress)
    {
        progress?.Report(new OperationProgress("host", 0, 1, "measuring compute peak and memory bandwidth (once for this host; cached)"));
        var record = new MeasurementRecord
        {
            Fingerprint = fingerprint,
            MeasuredAt = _options.Time.GetUtcNow(),
            Measurements = _measure(facts),
        };
        progress?.Report(new OperationProgress("host", 1, 1, "measured"));
        try
        {
            Cache.Write(record);
        }
        catch (ShearsException)
        {
            // The cache only saves time; an unwritable cache folder must not stop detection.
        }
        return record;
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
