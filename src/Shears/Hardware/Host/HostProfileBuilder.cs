using System.Collections.Immutable;
using System.Globalization;

namespace Shears.Hardware.Host;

/// <summary>Turns host facts and (optionally) measurements into the "host" <see cref="HardwareProfile"/>.</summary>
internal static class HostProfileBuilder
{
    public static HardwareProfile Build(HostFacts facts, string fingerprint, MeasurementRecord? measured)
    {
        var sources = facts.Sources.ToImmutableSortedDictionary(StringComparer.Ordinal).ToBuilder();
        sources["preferredChannelMultiples"] = $"one engine vector of float32 lanes ({facts.Simd.Bits}-bit SIMD)";
        sources["sparsity"] = "Shears engine kernels are dense: zero weights cost the same as any other";
        var profile = new HardwareProfile
        {
            Name = HostDetector.ProfileName,
            Kind = HardwareKind.Cpu,
            Description = $"Detected host: {facts.CpuName}, {facts.PhysicalCores} cores, {facts.LogicalProcessors} logical processors"
                + (measured is null ? " (not measured)" : ""),
            Fingerprint = fingerprint,
            Cores = facts.PhysicalCores,
            LogicalProcessors = facts.LogicalProcessors,
            ClockGhz = facts.ClockGhz,
            Simd = facts.Simd,
            InstructionSets = facts.InstructionSets,
            Caches = facts.Caches,
            Memory = new MemoryFigures { CapacityBytes = facts.MemoryBytes },
            PreferredChannelMultiples = [facts.Simd.Float32Lanes],
            Sparsity = [new SparsitySupport { Pattern = SparsityPattern.Unstructured, SpeedUp = 1, AppliesTo = "all kernels" }],
        };
        if (measured is not null)
        {
            profile = WithMeasurements(profile, measured, sources);
        }
        return profile with { Sources = sources.ToImmutable() };
    }

    private static HardwareProfile WithMeasurements(HardwareProfile profile, MeasurementRecord record, IDictionary<string, string> sources)
    {
        var figures = record.Measurements;
        var measuredOn = string.Create(
            CultureInfo.InvariantCulture,
            $"measured on host {record.Fingerprint} at {record.MeasuredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        var (computeAll, computeThreads) = AllCores(figures.Float32GflopsAllCores, figures.Float32GflopsPerCore, figures.Threads);
        var (bandwidthAll, bandwidthThreads) = AllCores(figures.BandwidthGBpsAllCores, figures.BandwidthGBpsSingleCore, figures.Threads);
        sources["compute.float32GflopsPerCore"] = $"{measuredOn}: {figures.ComputeMethod}, 1 thread";
        sources["compute.float32Gflops"] = $"{measuredOn}: {figures.ComputeMethod}, {computeThreads}";
        sources["memory.singleCoreBandwidthGBps"] = $"{measuredOn}: {figures.BandwidthMethod}, 1 thread";
        sources["memory.bandwidthGBps"] = $"{measuredOn}: {figures.BandwidthMethod}, {bandwidthThreads}";
        return profile with
        {
            Compute = new PeakCompute { Float32GflopsPerCore = figures.Float32GflopsPerCore, Float32Gflops = computeAll },
            Memory = profile.Memory with { SingleCoreBandwidthGBps = figures.BandwidthGBpsSingleCore, BandwidthGBps = bandwidthAll },
        };
    }

    // The whole machine can always do what one thread did; on a busy machine the all-thread run can come out lower.
    private static (double Figure, string Threads) AllCores(double allThreads, double oneThread, int threads) =>
        allThreads >= oneThread
            ? (allThreads, threads == 1 ? "1 thread" : $"{threads} threads")
            : (oneThread, $"1 thread ({threads} threads measured lower, the machine was busy)");
}
