using Shears.Hardware;

namespace Shears.Tests.Hardware.Latency;

/// <summary>Fixed hardware profiles for latency-model tests, so no test depends on this machine.</summary>
internal static class TestProfiles
{
    /// <summary>A 2-core AVX-512 CPU: 100 GFLOP/s and 20 GB/s per core, 1 MiB L2 per core.</summary>
    public static HardwareProfile Host() => new()
    {
        Name = "test",
        Kind = HardwareKind.Cpu,
        Cores = 2,
        Simd = SimdWidth.FromBits(512),
        Caches = [new CacheInfo { Level = 2, Type = CacheType.Unified, SizeBytes = 1 << 20, Scope = CacheScope.PerCore }],
        Compute = new PeakCompute { Float32GflopsPerCore = 100, Float32Gflops = 200 },
        Memory = new MemoryFigures { SingleCoreBandwidthGBps = 20, BandwidthGBps = 30 },
        PreferredChannelMultiples = [16],
        Sparsity = [new SparsitySupport { Pattern = SparsityPattern.Unstructured, SpeedUp = 1 }],
    };
}
