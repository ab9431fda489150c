using Shears.Hardware;
using Shears.Hardware.Host;

namespace Shears.Tests.Hardware;

public class HostFactsTests
{
    [Fact]
    public void Facts_are_read_from_the_procfs_and_sysfs_roots_given()
    {
        using var host = new FakeHost();

        var facts = host.Detector().ReadFacts();

        Assert.Equal("Test CPU 9000", facts.CpuName);
        Assert.Equal(Math.Min(2, Environment.ProcessorCount), facts.PhysicalCores);
        Assert.Equal(Environment.ProcessorCount, facts.LogicalProcessors);
        Assert.Equal(4.5, facts.ClockGhz);
        Assert.Equal(16384L * 1024, facts.MemoryBytes);
        Assert.Contains(InstructionSet.Avx512Vnni, facts.InstructionSets);
        Assert.Contains(InstructionSet.Avx512Bf16, facts.InstructionSets);
        Assert.Equal(Environment.Version.ToString(), facts.RuntimeVersion);
    }

    [Fact]
    public void Caches_are_parsed_from_sysfs_with_their_scope()
    {
        using var host = new FakeHost();

        var caches = host.Detector().ReadFacts().Caches;

        Assert.Equal(
            [
                new CacheInfo { Level = 1, Type = CacheType.Data, SizeBytes = 48 << 10, Scope = CacheScope.PerCore },
                new CacheInfo { Level = 1, Type = CacheType.Instruction, SizeBytes = 32 << 10, Scope = CacheScope.PerCore },
                new CacheInfo { Level = 2, Type = CacheType.Unified, SizeBytes = 2 << 20, Scope = CacheScope.PerCore },
                new CacheInfo { Level = 3, Type = CacheType.Unified, SizeBytes = 32 << 20, Scope = CacheScope.Shared },
            ],
            caches);
    }

    [Fact]
    public void Missing_procfs_and_sysfs_fall_back_to_what_the_runtime_knows()
    {
        using var empty = new TemporaryDirectory();

        var facts = new HostDetector(new HostDetectorOptions { ProcRoot = empty.Path, SysRoot = empty.Path }).ReadFacts();

        Assert.StartsWith("unknown ", facts.CpuName, StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessorCount, facts.PhysicalCores);
        Assert.Empty(facts.Caches);
        Assert.Null(facts.ClockGhz);
        Assert.True(facts.MemoryBytes > 0);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0-3", 4)]
    [InlineData("0,2-3,8", 4)]
    [InlineData("", null)]
    [InlineData("3-1", null)]
    public void Cpu_lists_are_counted(string list, int? expected) => Assert.Equal(expected, SysfsCpu.CountCpus(list));

    [Theory]
    [InlineData("32K", 32L << 10)]
    [InlineData("1024K", 1L << 20)]
    [InlineData("2M", 2L << 20)]
    [InlineData("512", 512L)]
    [InlineData("lots", null)]
    public void Cache_sizes_are_parsed(string text, long? expected) => Assert.Equal(expected, SysfsCpu.ParseSize(text));

    [Fact]
    public void Arm_cpuinfo_without_a_model_name_is_named_by_its_part()
    {
        var info = ProcCpuInfo.Parse("processor\t: 0\nFeatures\t: fp asimd asimddp sve\nCPU implementer\t: 0x41\nCPU part\t: 0xd0b\n\n");

        Assert.Equal("Arm CPU (implementer 0x41, part 0xd0b)", info.ModelName);
        Assert.Equal(
            [InstructionSet.AdvSimd, InstructionSet.ArmDotProduct, InstructionSet.Sve],
            InstructionSetProbe.FromFlags(info.Flags).Order());
    }

    [Fact]
    public void This_host_is_described_sanely_without_measuring()
    {
        using var cache = new TemporaryDirectory();

        var profile = new HostDetector(new HostDetectorOptions { CacheDirectory = cache.Path }).Detect(MeasurementPolicy.Skip);

        Assert.Equal("host", profile.Name);
        Assert.Equal(HardwareKind.Cpu, profile.Kind);
        Assert.False(string.IsNullOrWhiteSpace(profile.Description));
        Assert.InRange(profile.Cores, 1, Environment.ProcessorCount);
        Assert.True(profile.Simd!.Bits >= 32);
        Assert.Equal(profile.Simd.Float32Lanes, profile.PrimaryChannelMultiple());
        Assert.Null(profile.Compute.Float32Gflops);
        Assert.Empty(ProfileValidator.Problems(profile));
        Assert.Empty(Directory.GetFiles(cache.Path));
        if (Directory.Exists("/sys/devices/system/cpu/cpu0/cache"))
        {
            Assert.Contains(profile.Caches, cache => cache.Level == 1 && cache.Type == CacheType.Data);
        }
    }
}
