using Shears.Hardware;
using Shears.Hardware.Host;

namespace Shears.Tests.Hardware;

public class HostFingerprintTests
{
    [Fact]
    public void Fingerprint_is_stable_across_reads()
    {
        using var host = new FakeHost();

        var first = HostFingerprint.Compute(host.Detector().ReadFacts());
        var second = HostFingerprint.Compute(host.Detector().ReadFacts());

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{16}$", first);
    }

    [Fact]
    public void Fingerprint_of_the_real_host_is_stable()
    {
        var detector = new HostDetector();

        Assert.Equal(HostFingerprint.Compute(detector.ReadFacts()), HostFingerprint.Compute(detector.ReadFacts()));
    }

    [Fact]
    public void Fingerprint_changes_when_any_input_changes()
    {
        using var host = new FakeHost();
        var facts = host.Detector().ReadFacts();
        HostFacts[] variants =
        [
            facts,
            facts with { CpuName = "Other CPU" },
            facts with { LogicalProcessors = facts.LogicalProcessors + 1 },
            facts with { PhysicalCores = facts.PhysicalCores + 1 },
            facts with { InstructionSets = [.. facts.InstructionSets.Where(set => set != InstructionSet.Avx512Bf16)] },
            facts with { Simd = SimdWidth.FromBits(128) },
            facts with { Caches = [.. facts.Caches.Select(cache => cache.Level == 3 ? cache with { SizeBytes = 16 << 20 } : cache)] },
            facts with { RuntimeVersion = "99.0.0" },
        ];

        var fingerprints = variants.Select(HostFingerprint.Compute).ToList();

        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
    }

    [Fact]
    public void Fingerprint_ignores_what_does_not_affect_measurements()
    {
        using var host = new FakeHost();
        var facts = host.Detector().ReadFacts();

        Assert.Equal(HostFingerprint.Compute(facts), HostFingerprint.Compute(facts with { MemoryBytes = 1, ClockGhz = 1 }));
    }
}
