using Shears.Hardware.Host;

namespace Shears.Tests.Hardware;

/// <summary>
/// A made-up 2-core, 4-thread machine as procfs and sysfs trees in a temporary folder, plus a counting
/// stand-in for the benchmarks, so detection can be tested without this machine's details or timings.
/// </summary>
internal sealed class FakeHost : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public FakeHost()
    {
        var cpuInfo = string.Join("\n", Enumerable.Range(0, 4).Select(cpu => $"""
            processor	: {cpu}
            vendor_id	: GenuineIntel
            model name	: Test CPU 9000
            cpu MHz		: 3000.000
            physical id	: 0
            core id		: {cpu / 2}
            flags		: fpu sse4_1 sse4_2 avx avx2 fma avx512f avx512_vnni avx512_bf16

            """));
        _root.Write("proc/cpuinfo", cpuInfo);
        _root.Write("proc/meminfo", "MemTotal:       16384 kB\nMemFree:        1024 kB\n");
        for (var cpu = 0; cpu < 4; cpu++)
        {
            _root.Write($"sys/devices/system/cpu/cpu{cpu}/topology/core_id", $"{cpu / 2}\n");
            _root.Write($"sys/devices/system/cpu/cpu{cpu}/topology/physical_package_id", "0\n");
            _root.Write($"sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list", cpu < 2 ? "0-1\n" : "2-3\n");
        }
        WriteCache(0, level: 1, type: "Data", size: "48K", sharedWith: "0-1");
        WriteCache(1, level: 1, type: "Instruction", size: "32K", sharedWith: "0-1");
        WriteCache(2, level: 2, type: "Unified", size: "2048K", sharedWith: "0-1");
        WriteCache(3, level: 3, type: "Unified", size: "32M", sharedWith: "0-3");
        _root.Write("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "4500000\n");
    }

    public int Measurements { get; private set; }

    public string Root => _root.Path;

    public string CacheDirectory => Path.Combine(_root.Path, "cache", "hardware");

    public DateTimeOffset Now { get; set; } = new(2025, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public HostDetectorOptions Options => new()
    {
        ProcRoot = Path.Combine(_root.Path, "proc"),
        SysRoot = Path.Combine(_root.Path, "sys"),
        CacheDirectory = CacheDirectory,
        Measure = Measure,
        Time = new FixedTime(this),
    };

    public HostDetector Detector() => new(Options);

    public void Dispose() => _root.Dispose();

    /// <summary>What the stand-in benchmark reports.</summary>
    public HostMeasurements Result { get; set; } = new()
    {
        Float32GflopsPerCore = 100,
        Float32GflopsAllCores = 150,
        BandwidthGBpsSingleCore = 10,
        BandwidthGBpsAllCores = 15,
        Threads = 2,
        ComputeMethod = "fake multiply-add",
        BandwidthMethod = "fake triad",
    };

    private HostMeasurements Measure(HostFacts facts)
    {
        Measurements++;
        return Result;
    }

    private void WriteCache(int index, int level, string type, string size, string sharedWith)
    {
        var folder = $"sys/devices/system/cpu/cpu0/cache/index{index}";
        _root.Write($"{folder}/level", $"{level}\n");
        _root.Write($"{folder}/type", $"{type}\n");
        _root.Write($"{folder}/size", $"{size}\n");
        _root.Write($"{folder}/shared_cpu_list", $"{sharedWith}\n");
    }

    private sealed class FixedTime(FakeHost host) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => host.Now;
    }
}
